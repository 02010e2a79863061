package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.Failures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The read side: a fixed pool of threads, each with its own read-only ({@code query_only})
 * connection, behind a bounded queue. Each read is one short call that runs its statements to the
 * end and closes them, so no read transaction outlives the call (a read transaction kept open would
 * pin the WAL). A saturated queue fails fast with {@link TransientStorageException}. Thread-safe.
 */
public final class SqliteReaders {

  /** Opens one read connection. */
  @FunctionalInterface
  public interface ConnectionFactory {
    /**
     * Opens a connection.
     *
     * @return a new read connection
     * @throws SQLException if it cannot be opened
     */
    Connection open() throws SQLException;
  }

  private final ConnectionFactory factory;
  private final StorageObserver observer;
  private final ThreadPoolExecutor executor;
  private final Scheduler scheduler;
  private final ThreadLocal<@Nullable Connection> local = new ThreadLocal<>();
  private final List<Connection> opened = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts the pool; connections open lazily, one per thread.
   *
   * @param config the settings (pool size and queue capacity)
   * @param factory opens a read connection
   * @param observer told of every read
   */
  public SqliteReaders(SqliteConfig config, ConnectionFactory factory, StorageObserver observer) {
    this.factory = factory;
    this.observer = observer;
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            config.poolSize(),
            config.poolSize(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(config.queueCapacity()),
            task -> {
              Thread t = new Thread(task, "chatstore-sqlite-read-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.scheduler = Schedulers.fromExecutorService(executor, "chatstore-sqlite-read");
  }

  /**
   * Runs one read on a read thread.
   *
   * @param operation the store method, for the observer
   * @param call the read
   * @param <T> its result
   * @return a {@code Mono} of the result (empty for null), with driver errors translated
   */
  public <T> Mono<T> read(String operation, ReadCall<T> call) {
    Mono<T> read =
        Mono.fromCallable(
                () -> {
                  if (closed) {
                    throw Failures.closed(null);
                  }
                  observer.onQuery(operation);
                  return call.call(connection());
                })
            .subscribeOn(scheduler);
    return Mono.defer(() -> executor.isShutdown() ? Mono.<T>error(Failures.closed(null)) : read)
        .onErrorMap(
            e ->
                e instanceof RejectedExecutionException && executor.isShutdown()
                    ? Failures.closed(e)
                    : SqliteErrors.translate(e));
  }

  /** Stops the threads, waits briefly for reads in flight, and closes the connections. */
  public void close() {
    // shutdown, not shutdownNow: reads already queued still run instead of hanging; new ones are
    // refused (the storage is closed)
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    scheduler.dispose();
    synchronized (opened) {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // best effort at shutdown
        }
      }
      opened.clear();
    }
  }

  private Connection connection() throws SQLException {
    Connection c = local.get();
    if (c == null) {
      c = factory.open();
      synchronized (opened) {
        opened.add(c);
      }
      local.set(c);
    }
    return c;
  }
}
