package dev.chatstore.storage.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one emission mechanism of the storage's concurrent parts (the SQLite writer loop, the
 * in-process change feed, the PostgreSQL notifier): many threads {@link #signal} that work is
 * waiting, and one drain at a time runs the owner's {@code drain} action, on an executor, until no
 * signal is left unserved. Lock-free and wait-free on the signalling side: a caller that finds a
 * drain running or scheduled only counts its signal, and the running drain goes round once more.
 *
 * <p>The owner keeps its own (concurrent) queue of work and adds to it <em>before</em> signalling;
 * the drain action takes everything it finds. A signal that arrives while the action runs makes it
 * run again, so nothing offered is left behind. The action is never run by two threads at once, and
 * each run happens-after the signals it serves. With {@link #inline} the signalling thread that
 * finds the drain idle runs it itself (the classic "emit what every concurrent caller queued"
 * loop); with an executor of one thread the drain is that thread's mailbox. Thread-safe.
 */
public final class SerialDrain {

  private final AtomicInteger wip = new AtomicInteger();
  private final Executor executor;
  private final Runnable drain;
  private final Runnable loop = this::loop;
  private volatile boolean refused;

  private SerialDrain(Executor executor, Runnable drain) {
    this.executor = Checks.notNull(executor, "executor");
    this.drain = Checks.notNull(drain, "drain");
  }

  /**
   * A drain run by the signalling thread that finds it idle.
   *
   * @param drain takes and handles everything queued; must not block
   * @return the drain
   */
  public static SerialDrain inline(Runnable drain) {
    return new SerialDrain(Runnable::run, drain);
  }

  /**
   * A drain run on an executor (such as a dedicated thread), never on the signalling thread.
   *
   * @param executor where each round of the drain runs
   * @param drain takes and handles everything queued
   * @return the drain
   */
  public static SerialDrain on(Executor executor, Runnable drain) {
    return new SerialDrain(executor, drain);
  }

  /**
   * Says that work was queued: runs (or schedules) the drain unless one is running or scheduled,
   * which then runs once more. Never blocks.
   *
   * @return false once the executor has refused to run the drain (it was shut down): from then on
   *     nothing queued is handled, and the caller must fail its work itself. A caller that raced
   *     with the refusal may still see true, so an owner that shuts its executor down also checks
   *     its own stopped state after queueing
   */
  public boolean signal() {
    if (wip.getAndIncrement() != 0) {
      return !refused;
    }
    try {
      executor.execute(loop);
      return true;
    } catch (RejectedExecutionException e) {
      refused = true;
      return false;
    }
  }

  private void loop() {
    // a drain that throws (a subscriber failing in onNext, say) must not leave wip raised: every
    // later signal would be dropped and, for the change feed, every follower would wait forever.
    // Run the drain again (what it did not finish is still queued), then rethrow the first failure.
    Throwable failure = null;
    int missed = 1;
    do {
      try {
        drain.run();
      } catch (RuntimeException | Error e) {
        if (failure == null) {
          failure = e;
          continue;
        }
        if (failure != e) {
          failure.addSuppressed(e);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }
}
