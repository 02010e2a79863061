package dev.chatstore.storage.sqlite.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The SQLite writer's own thread, as the executor of its {@link
 * dev.chatstore.storage.internal.SerialDrain}: it holds at most one pending task (the drain never
 * schedules a second before the first has run), so handing one over is a reference swap and an
 * unpark: lock-free, so a caller on an event loop never blocks, not even briefly (a {@code
 * ThreadPoolExecutor} would take its queue's locks). Thread-safe.
 */
final class WriterThread implements Executor {

  private final AtomicReference<@Nullable Runnable> next = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean shutdown;
  private volatile boolean terminated;

  WriterThread(String name) {
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown && terminated) {
      throw new RejectedExecutionException("the SQLite writer has stopped");
    }
    next.set(task);
    LockSupport.unpark(thread);
    if (terminated && next.compareAndSet(task, null)) {
      // the thread had already made its last check: nobody will run it
      throw new RejectedExecutionException("the SQLite writer has stopped");
    }
  }

  /** Lets the pending task (if any) run, then stops the thread. */
  void shutdown() {
    shutdown = true;
    LockSupport.unpark(thread);
  }

  /** Waits until the thread has stopped; keeps the interrupt status. */
  void awaitTermination() {
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

  /** Whether the caller runs on this thread. */
  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    while (true) {
      Runnable task = next.getAndSet(null);
      if (task != null) {
        task.run();
        continue;
      }
      if (shutdown) {
        terminated = true;
        Runnable late = next.getAndSet(null);
        if (late == null) {
          return;
        }
        late.run();
        continue;
      }
      // a task run on this thread may have set the flag: park would then return at once
      Thread.interrupted();
      LockSupport.park(this);
    }
  }
}
