package dev.chatstore.storage.sqlite.internal;

import static dev.chatstore.storage.sqlite.internal.WriterConnection.safely;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.TransientStorageException;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * A transaction holding the SQLite writer ({@link SqliteWriter#inTransaction}). Its operations run
 * on the writer thread in submission order, each in a savepoint of its own so that a failed
 * operation leaves the transaction usable. While it is open the writer thread runs nothing else
 * ({@link #runUntilEnded}); one that stays open longer than the timeout is rolled back.
 * Thread-safe.
 */
public final class WriterTransaction {

  private final WriterConnection db;
  private final Thread writer;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<ChannelId> touched = new LinkedHashSet<>(); // writer thread only
  private final Sinks.One<Boolean> aborted = Sinks.one();
  private boolean finished; // guarded by this
  private @Nullable StorageException failure; // guarded by this

  WriterTransaction(WriterConnection db, Thread writer) {
    this.db = db;
    this.writer = writer;
  }

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
    return Mono.create(sink -> submit(() -> run(operation, call, sink), sink, false));
  }

  private <T> void run(String operation, WriteCall<T> call, MonoSink<T> sink) {
    StorageException ended = endedError();
    if (ended != null) {
      sink.error(ended);
      return;
    }
    WriterConnection.Outcome<T> outcome;
    try {
      outcome = db.inSavepoint(operation, call);
    } catch (SQLException e) {
      StorageException error = SqliteErrors.translate(e);
      end(error);
      sink.error(error);
      return;
    }
    T value = outcome.value();
    if (outcome.error() != null) {
      sink.error(outcome.error());
    } else {
      touched.addAll(outcome.touched());
      if (value == null) {
        sink.success();
      } else {
        sink.success(value);
      }
    }
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
                    db.commit(touched);
                  } catch (SQLException e) {
                    StorageException error = SqliteErrors.translate(e);
                    end(error);
                    sink.error(error);
                    return;
                  }
                  synchronized (this) {
                    finished = true;
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

  /** Emits when the transaction was rolled back under its work (timeout, broken savepoint). */
  Mono<Boolean> aborted() {
    return aborted.asMono();
  }

  /** The error that rolled the transaction back under its work, or empty. */
  <T> Mono<T> abortedError() {
    StorageException cause;
    synchronized (this) {
      cause = failure;
    }
    return cause == null ? Mono.empty() : Mono.error(cause);
  }

  /**
   * Runs the transaction's operations on the writer thread until it commits, rolls back or times
   * out, then the stragglers (which find it ended). Writer thread only.
   */
  void runUntilEnded(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!isFinished()) {
      Runnable task = tasks.poll();
      if (task != null) {
        safely(task);
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        end(
            new TransientStorageException(
                "the transaction was rolled back: it held the SQLite writer longer than "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                    + " ms (transactionTimeout)",
                null));
        break;
      }
      // a callback run on this thread may have set the flag: park would then return at once
      Thread.interrupted();
      LockSupport.parkNanos(this, left);
    }
    for (Runnable straggler; (straggler = tasks.poll()) != null; ) {
      safely(straggler);
    }
  }

  /** Rolls back (if still open) and marks the transaction ended. Writer thread only. */
  void end(@Nullable StorageException cause) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      failure = cause;
    }
    db.rollbackQuietly();
    if (cause != null) {
      aborted.tryEmitValue(true);
    }
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
        LockSupport.unpark(writer);
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
