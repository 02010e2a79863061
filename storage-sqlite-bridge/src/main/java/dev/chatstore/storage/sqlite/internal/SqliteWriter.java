package dev.chatstore.storage.sqlite.internal;

import static dev.chatstore.storage.sqlite.internal.WriterConnection.safely;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.Failures;
import dev.chatstore.storage.internal.SerialDrain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The one writer of a SQLite database: a connection confined to one thread that this class owns.
 *
 * <p>Writes wait in a bounded queue (a full queue fails fast with {@link
 * TransientStorageException}) and are group-committed: the writer takes up to {@code batchSize}
 * queued writes, runs them in one {@code BEGIN IMMEDIATE} transaction with a savepoint each (so a
 * failing write is rolled back alone and fails alone), commits, and only then completes each
 * caller's {@code Mono} and wakes the followers of the channels that got messages. The queue is
 * drained by a {@link SerialDrain} on the writer thread: submitting never blocks, not even briefly.
 *
 * <p>A transaction ({@link #inTransaction}, run by {@link WriterTransaction}) takes the writer for
 * itself: queued writes wait until it commits or rolls back.
 *
 * <p>Thread-safe.
 */
public final class SqliteWriter {

  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());

  private final WriterConnection db;
  private final int capacity;
  private final int batchSize;
  private final long transactionTimeoutNanos;
  private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final WriterThread thread;
  private final SerialDrain drain;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean stopped;

  /**
   * Starts the writer thread.
   *
   * @param connection the writer connection, in auto-commit mode; owned by this writer from now on
   * @param config the settings
   * @param observer told of every write
   * @param feed woken after commits
   * @throws SQLException if the control statement cannot be created
   */
  public SqliteWriter(
      Connection connection, SqliteConfig config, StorageObserver observer, ChangeFeed feed)
      throws SQLException {
    this.db = new WriterConnection(connection, observer, feed);
    this.capacity = config.queueCapacity();
    this.batchSize = config.batchSize();
    this.transactionTimeoutNanos = config.transactionTimeout().toNanos();
    this.thread = new WriterThread("chatstore-sqlite-writer");
    this.drain = SerialDrain.on(thread, this::drainQueue);
  }

  /**
   * Queues a write for the next group commit.
   *
   * @param operation the store method, for the observer
   * @param call the write
   * @param <T> its result
   * @return a {@code Mono} that emits the result (or completes empty for a null result) once the
   *     batch has committed, or signals the write's own error; cancelling before the write ran
   *     drops it
   */
  public <T> Mono<T> write(String operation, WriteCall<T> call) {
    return Mono.create(
        sink -> {
          Item<T> item = new Item<>(operation, call, sink);
          sink.onCancel(() -> item.cancelled = true);
          enqueue(item, sink);
        });
  }

  /**
   * Runs work in one transaction that holds the writer.
   *
   * @param body builds the work from the transaction's handle
   * @param <T> what the work emits
   * @return what the work emits, all of it once committed; on error or cancel before the commit the
   *     transaction rolls back
   */
  public <T> Flux<T> inTransaction(Function<WriterTransaction, ? extends Publisher<T>> body) {
    return Flux.usingWhen(
            begin(),
            tx ->
                Flux.<T>from(body.apply(tx))
                    // a transaction rolled back under the work (timeout) ends it with its error
                    .takeUntilOther(tx.aborted())
                    .concatWith(Mono.defer(tx::abortedError))
                    // commit before anything is emitted: a consumer that takes the first value and
                    // cancels (Mono.from, next()) must not roll back what it was shown
                    .collectList()
                    .flatMap(values -> tx.commit().thenReturn(values)),
            // committed above; rolling back an ended transaction does nothing
            WriterTransaction::rollback,
            (tx, error) -> tx.rollback(),
            WriterTransaction::rollback)
        .flatMapIterable(values -> values);
  }

  /**
   * How many transactions this writer has committed (group commits and {@code inTransaction}s).
   *
   * @return the count
   */
  public long commits() {
    return db.commits();
  }

  /**
   * How many writes and transactions wait in the queue.
   *
   * @return the queue depth
   */
  public int queueDepth() {
    return pending.get();
  }

  /**
   * Stops accepting work (new calls signal {@link Failures#closed}), lets everything queued finish
   * (an open transaction until it ends or times out), then closes the connection. Blocks unless
   * called on the writer thread; idempotent.
   */
  public void close() {
    if (closing.compareAndSet(false, true)) {
      queue.add(Stop.INSTANCE);
      drain.signal();
      thread.shutdown();
    }
    if (thread.isCurrent()) {
      return; // closed from a downstream operator on the writer thread: it stops after this batch
    }
    thread.awaitTermination();
  }

  private Mono<WriterTransaction> begin() {
    return Mono.create(
        sink -> {
          Begin begin = new Begin(sink);
          sink.onCancel(() -> begin.cancelled = true);
          enqueue(begin, sink);
        });
  }

  private void enqueue(Task task, MonoSink<?> sink) {
    if (closing.get()) {
      sink.error(Failures.closed(null));
      return;
    }
    int waiting;
    do {
      waiting = pending.get();
      if (waiting >= capacity) {
        sink.error(
            new TransientStorageException(
                "the SQLite write queue is full (" + capacity + " waiting): retry later", null));
        return;
      }
    } while (!pending.compareAndSet(waiting, waiting + 1));
    queue.add(task);
    if ((!drain.signal() || stopped) && queue.remove(task)) {
      // raced with close() and landed after the writer stopped: nobody will run it
      pending.decrementAndGet();
      task.fail(Failures.closed(null));
    }
  }

  /** The drain: runs on the writer thread, never twice at once. */
  private void drainQueue() {
    for (Task first; (first = queue.poll()) != null; ) {
      if (first instanceof Stop) {
        if (!stopped) {
          stopped = true;
          db.close();
        }
        continue;
      }
      pending.decrementAndGet();
      if (stopped) {
        first.fail(Failures.closed(null));
        continue;
      }
      try {
        if (first instanceof Begin begin) {
          runTransaction(begin);
        } else {
          runBatch(batchAfter((Item<?>) first));
        }
      } catch (Throwable e) {
        // a subscriber or hook threw while being completed: the writer must outlive it, or every
        // later write would wait forever
        LOG.log(System.Logger.Level.ERROR, "the SQLite writer caught an unexpected failure", e);
        db.rollbackQuietly();
      }
    }
  }

  private List<Item<?>> batchAfter(Item<?> first) {
    List<Item<?>> batch = new ArrayList<>();
    batch.add(first);
    while (batch.size() < batchSize && queue.peek() instanceof Item<?> next) {
      queue.poll();
      pending.decrementAndGet();
      batch.add(next);
    }
    return batch;
  }

  private void runBatch(List<Item<?>> batch) {
    List<Item<?>> live = new ArrayList<>(batch.size());
    for (Item<?> item : batch) {
      if (!item.cancelled) {
        live.add(item);
      }
    }
    if (live.isEmpty()) {
      return;
    }
    try {
      db.begin();
    } catch (SQLException e) {
      failAll(live, SqliteErrors.translate(e));
      return;
    }
    Set<ChannelId> touched = new LinkedHashSet<>();
    try {
      for (Item<?> item : live) {
        item.run(db);
        touched.addAll(item.touched());
      }
      db.commit(touched);
    } catch (SQLException e) {
      db.rollbackQuietly();
      failAll(live, SqliteErrors.translate(e));
      return;
    }
    for (Item<?> item : live) {
      safely(item::complete);
    }
  }

  private static void failAll(List<Item<?>> live, StorageException error) {
    for (Item<?> item : live) {
      safely(() -> item.sink.error(error));
    }
  }

  private void runTransaction(Begin begin) {
    if (begin.cancelled) {
      return;
    }
    try {
      db.begin();
    } catch (SQLException e) {
      begin.sink.error(SqliteErrors.translate(e));
      return;
    }
    WriterTransaction tx = new WriterTransaction(db, Thread.currentThread());
    safely(() -> begin.sink.success(tx));
    if (begin.cancelled) {
      tx.end(null);
    }
    tx.runUntilEnded(transactionTimeoutNanos);
  }

  private abstract static class Task {
    abstract void fail(StorageException error);
  }

  private static final class Stop extends Task {
    static final Stop INSTANCE = new Stop();

    @Override
    void fail(StorageException error) {}
  }

  private static final class Begin extends Task {
    final MonoSink<WriterTransaction> sink;
    volatile boolean cancelled;

    Begin(MonoSink<WriterTransaction> sink) {
      this.sink = sink;
    }

    @Override
    void fail(StorageException error) {
      sink.error(error);
    }
  }

  private static final class Item<T> extends Task {
    final String operation;
    final WriteCall<T> call;
    final MonoSink<T> sink;
    volatile boolean cancelled;
    private WriterConnection.@Nullable Outcome<T> outcome;

    Item(String operation, WriteCall<T> call, MonoSink<T> sink) {
      this.operation = operation;
      this.call = call;
      this.sink = sink;
    }

    void run(WriterConnection db) throws SQLException {
      outcome = db.inSavepoint(operation, call);
    }

    Set<ChannelId> touched() {
      WriterConnection.Outcome<T> done = outcome;
      return done == null ? Set.of() : done.touched();
    }

    @Override
    void fail(StorageException error) {
      sink.error(error);
    }

    void complete() {
      WriterConnection.Outcome<T> done = outcome;
      if (done == null) {
        return;
      }
      T value = done.value();
      if (done.error() != null) {
        sink.error(done.error());
      } else if (value == null) {
        sink.success();
      } else {
        sink.success(value);
      }
    }
  }
}
