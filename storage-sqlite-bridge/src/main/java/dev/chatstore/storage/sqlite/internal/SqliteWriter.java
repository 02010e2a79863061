package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.ChangeSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The one writer of a SQLite database: a connection confined to one thread that this class owns.
 *
 * <p>Writes wait in a bounded queue (a full queue fails fast with {@link
 * TransientStorageException}) and are group-committed: the writer takes up to {@code batchSize}
 * queued writes, runs them in one {@code BEGIN IMMEDIATE} transaction with a savepoint each (so a
 * failing write is rolled back alone and fails alone), commits, and only then completes each
 * caller's {@code Mono} and wakes the followers of the channels that got messages.
 *
 * <p>A transaction ({@link #inTransaction}) takes the writer for itself: queued writes wait until
 * it commits or rolls back. Its operations run on the writer thread, one at a time, in the order
 * they are submitted. A transaction that stays open longer than the configured timeout is rolled
 * back, so a stuck caller cannot block every write forever.
 *
 * <p>Thread-safe.
 */
public final class SqliteWriter {

  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());

  private final Connection connection;
  private final Statement control;
  private final int capacity;
  private final int batchSize;
  private final long transactionTimeoutNanos;
  private final StorageObserver observer;
  private final ChangeSignal signal;
  // lock-free on the callers' side: submitting never blocks, not even briefly
  private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;
  private volatile boolean stopped;

  /**
   * Starts the writer thread.
   *
   * @param connection the writer connection, in auto-commit mode; owned by this writer from now on
   * @param config the settings
   * @param observer told of every write
   * @param signal woken after commits
   * @throws SQLException if the control statement cannot be created
   */
  public SqliteWriter(
      Connection connection, SqliteConfig config, StorageObserver observer, ChangeSignal signal)
      throws SQLException {
    this.connection = connection;
    this.control = connection.createStatement();
    this.capacity = config.queueCapacity();
    this.batchSize = config.batchSize();
    this.transactionTimeoutNanos = config.transactionTimeout().toNanos();
    this.observer = observer;
    this.signal = signal;
    this.thread = new Thread(this::run, "chatstore-sqlite-writer");
    thread.setDaemon(true);
    thread.start();
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
  public <T> Flux<T> inTransaction(Function<Transaction, ? extends Publisher<T>> body) {
    return Flux.usingWhen(
            begin(),
            tx ->
                Flux.<T>from(body.apply(tx))
                    // a transaction rolled back under the work (timeout) ends it with its error
                    .takeUntilOther(tx.aborted.asMono())
                    .concatWith(Mono.defer(tx::abortedError))
                    // commit before anything is emitted: a consumer that takes the first value and
                    // cancels (Mono.from, next()) must not roll back what it was shown
                    .collectList()
                    .flatMap(values -> tx.commit().thenReturn(values)),
            // committed above; rolling back an ended transaction does nothing
            Transaction::rollback,
            (tx, error) -> tx.rollback(),
            Transaction::rollback)
        .flatMapIterable(values -> values);
  }

  /**
   * How many transactions this writer has committed (group commits and {@code inTransaction}s).
   *
   * @return the count
   */
  public long commits() {
    return commits.get();
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
   * Stops accepting work, lets everything queued finish (an open transaction until it ends or times
   * out), then closes the connection. Blocks; idempotent.
   */
  public void close() {
    if (!closing) {
      closing = true;
      queue.add(Stop.INSTANCE);
      LockSupport.unpark(thread);
    }
    if (Thread.currentThread() == thread) {
      return; // closed from a downstream operator on the writer thread: it stops after this batch
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeConnection() {
    try {
      control.close();
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort: the file lock is released by the owner either way
    }
  }

  private Mono<Transaction> begin() {
    return Mono.create(
        sink -> {
          Begin begin = new Begin(sink);
          sink.onCancel(() -> begin.cancelled = true);
          enqueue(begin, sink);
        });
  }

  private void enqueue(Task task, MonoSink<?> sink) {
    if (closing) {
      sink.error(closed());
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
    LockSupport.unpark(thread);
    if (stopped && queue.remove(task)) {
      // raced with close() and landed after the writer stopped: nobody will run it
      pending.decrementAndGet();
      task.fail(closed());
    }
  }

  private static TransientStorageException closed() {
    return new TransientStorageException("the SQLite storage is closed", null);
  }

  private void run() {
    while (true) {
      Task first = queue.poll();
      if (first == null) {
        // a callback run on this thread may have set the flag: park would then return at once
        Thread.interrupted();
        LockSupport.park(this);
        continue;
      }
      if (first instanceof Stop) {
        stopped = true;
        for (Task late; (late = queue.poll()) != null; ) {
          if (!(late instanceof Stop)) {
            pending.decrementAndGet();
            late.fail(closed());
          }
        }
        closeConnection();
        return;
      }
      pending.decrementAndGet();
      try {
        if (first instanceof Begin begin) {
          runTransaction(begin);
          continue;
        }
        List<Item<?>> batch = new ArrayList<>();
        batch.add((Item<?>) first);
        while (batch.size() < batchSize && queue.peek() instanceof Item<?> next) {
          queue.poll();
          pending.decrementAndGet();
          batch.add(next);
        }
        runBatch(batch);
      } catch (Throwable e) {
        // a subscriber or hook threw while being completed: the writer must outlive it, or every
        // later write would wait forever
        LOG.log(System.Logger.Level.ERROR, "the SQLite writer caught an unexpected failure", e);
        rollbackQuietly();
      }
    }
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
      control.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      StorageException error = SqliteErrors.translate(e);
      for (Item<?> item : live) {
        safely(() -> item.sink.error(error));
      }
      return;
    }
    Set<ChannelId> touched = new LinkedHashSet<>();
    for (Item<?> item : live) {
      WriteContext context = new WriteContext(connection);
      try {
        control.execute("SAVEPOINT item");
      } catch (SQLException e) {
        failBatch(live, e);
        return;
      }
      try {
        observer.onQuery(item.operation);
        item.result = item.call.call(context);
        control.execute("RELEASE item");
        touched.addAll(context.touchedChannels());
      } catch (Throwable e) {
        item.error = SqliteErrors.translate(e);
        try {
          control.execute("ROLLBACK TO item");
          control.execute("RELEASE item");
        } catch (SQLException rollback) {
          failBatch(live, rollback);
          return;
        }
      }
    }
    try {
      control.execute("COMMIT");
    } catch (SQLException e) {
      failBatch(live, e);
      return;
    }
    commits.incrementAndGet();
    for (ChannelId channel : touched) {
      safely(() -> signal.committed(channel));
    }
    for (Item<?> item : live) {
      safely(item::complete);
    }
  }

  /**
   * Runs a callback into subscriber code on the writer thread; a failure there is logged, never
   * allowed to stop the writer or to keep the other callers of a batch from their results.
   */
  private static void safely(Runnable callback) {
    try {
      callback.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "a subscriber failed on the SQLite writer thread", e);
    }
  }

  private void failBatch(List<Item<?>> live, Throwable cause) {
    rollbackQuietly();
    StorageException error = SqliteErrors.translate(cause);
    for (Item<?> item : live) {
      safely(() -> item.sink.error(error));
    }
  }

  private void rollbackQuietly() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // nothing was open, or the connection is gone: either way nothing is committed
    }
  }

  private void runTransaction(Begin begin) {
    if (begin.cancelled) {
      return;
    }
    try {
      control.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      begin.sink.error(SqliteErrors.translate(e));
      return;
    }
    Transaction tx = new Transaction();
    safely(() -> begin.sink.success(tx));
    if (begin.cancelled) {
      tx.end(null);
    }
    long deadline = System.nanoTime() + transactionTimeoutNanos;
    while (!tx.isFinished()) {
      Runnable task = tx.tasks.poll();
      if (task != null) {
        safely(task);
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        tx.end(
            new TransientStorageException(
                "the transaction was rolled back: it held the SQLite writer longer than "
                    + TimeUnit.NANOSECONDS.toMillis(transactionTimeoutNanos)
                    + " ms (transactionTimeout)",
                null));
        break;
      }
      Thread.interrupted();
      LockSupport.parkNanos(this, left);
    }
    for (Runnable straggler; (straggler = tx.tasks.poll()) != null; ) {
      safely(straggler);
    }
  }

  /**
   * A transaction holding the writer. Its operations run on the writer thread in submission order,
   * each in a savepoint of its own so that a failed operation leaves the transaction usable.
   */
  public final class Transaction {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<ChannelId> touched = new LinkedHashSet<>();
    private final Sinks.One<Boolean> aborted = Sinks.one();
    private boolean finished; // guarded by this
    private @Nullable StorageException failure; // guarded by this

    private Transaction() {}

    /**
     * Runs one operation in the transaction.
     *
     * @param operation the store method, for the observer
     * @param call the work
     * @param <T> its result
     * @return a {@code Mono} of the result (empty for null); signals the operation's error, or an
     *     error when the transaction has ended
     */
    public <T> Mono<T> execute(String operation, WriteCall<T> call) {
      return Mono.create(
          sink ->
              submit(
                  () -> {
                    StorageException ended = endedError();
                    if (ended != null) {
                      sink.error(ended);
                      return;
                    }
                    WriteContext context = new WriteContext(connection);
                    T result;
                    try {
                      control.execute("SAVEPOINT op");
                    } catch (SQLException e) {
                      sink.error(SqliteErrors.translate(e));
                      return;
                    }
                    try {
                      observer.onQuery(operation);
                      result = call.call(context);
                      control.execute("RELEASE op");
                    } catch (Throwable e) {
                      try {
                        control.execute("ROLLBACK TO op");
                        control.execute("RELEASE op");
                      } catch (SQLException rollback) {
                        end(SqliteErrors.translate(rollback));
                      }
                      sink.error(SqliteErrors.translate(e));
                      return;
                    }
                    touched.addAll(context.touchedChannels());
                    if (result == null) {
                      sink.success();
                    } else {
                      sink.success(result);
                    }
                  },
                  sink,
                  false));
    }

    Mono<Void> commit() {
      return Mono.create(
          sink ->
              submit(
                  () -> {
                    StorageException ended = endedError();
                    if (ended != null) {
                      sink.error(ended);
                      return;
                    }
                    try {
                      control.execute("COMMIT");
                    } catch (SQLException e) {
                      StorageException error = SqliteErrors.translate(e);
                      end(error);
                      sink.error(error);
                      return;
                    }
                    commits.incrementAndGet();
                    synchronized (this) {
                      finished = true;
                    }
                    for (ChannelId channel : touched) {
                      safely(() -> signal.committed(channel));
                    }
                    sink.success();
                  },
                  sink,
                  false));
    }

    Mono<Void> rollback() {
      return Mono.create(
          sink ->
              submit(
                  () -> {
                    end(null);
                    sink.success();
                  },
                  sink,
                  true));
    }

    /** Rolls back (if still open) and marks the transaction ended. Writer thread only. */
    private void end(@Nullable StorageException cause) {
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
        failure = cause;
      }
      rollbackQuietly();
      if (cause != null) {
        aborted.tryEmitValue(true);
      }
    }

    private <T> Mono<T> abortedError() {
      StorageException cause;
      synchronized (this) {
        cause = failure;
      }
      return cause == null ? Mono.empty() : Mono.error(cause);
    }

    private synchronized boolean isFinished() {
      return finished;
    }

    private synchronized @Nullable StorageException endedError() {
      if (!finished) {
        return null;
      }
      return failure != null
          ? failure
          : new InternalStorageException("the transaction has already ended", null);
    }

    private void submit(Runnable task, MonoSink<?> sink, boolean endedIsSuccess) {
      StorageException ended;
      synchronized (this) {
        if (!finished) {
          tasks.add(task);
          LockSupport.unpark(thread);
          return;
        }
        ended = endedError();
      }
      if (endedIsSuccess) {
        sink.success();
      } else {
        sink.error(ended);
      }
    }
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
    final MonoSink<Transaction> sink;
    volatile boolean cancelled;

    Begin(MonoSink<Transaction> sink) {
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
    @Nullable Object result;
    @Nullable StorageException error;

    Item(String operation, WriteCall<T> call, MonoSink<T> sink) {
      this.operation = operation;
      this.call = call;
      this.sink = sink;
    }

    @Override
    void fail(StorageException error) {
      sink.error(error);
    }

    @SuppressWarnings("unchecked")
    void complete() {
      if (error != null) {
        sink.error(error);
      } else if (result == null) {
        sink.success();
      } else {
        sink.success((T) result);
      }
    }
  }
}
