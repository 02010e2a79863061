package dev.chatstore.storage.testsupport;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import reactor.test.StepVerifier;

/**
 * Makes a hanging test leave evidence, in every test JVM of a module that depends on
 * storage-test-support (registered through {@code META-INF/services}, so the JUnit Platform
 * launcher loads it without configuration):
 *
 * <ul>
 *   <li>{@code StepVerifier}'s default timeout is {@link #STEP_VERIFIER_TIMEOUT} from the start of
 *       the run (a class may still set its own), so no {@code verify()} waits forever;
 *   <li>when no test or class has started or finished for {@link #QUIET_LIMIT} (a test, a
 *       {@code @BeforeAll} or an {@code @AfterAll} still running), every thread is dumped ({@link
 *       ThreadDumps}), again each {@code QUIET_LIMIT} while nothing moves, at most {@value
 *       #MAX_DUMPS_PER_STALL} times: dumps that repeat the same stacks show a hang, changing ones a
 *       slow machine;
 *   <li>a test that fails with a timeout dumps too.
 * </ul>
 */
public final class HangWatchdog implements TestExecutionListener {

  /** The default timeout of {@code StepVerifier.verify()}. */
  public static final Duration STEP_VERIFIER_TIMEOUT = Duration.ofSeconds(60);

  /** How long the run may stay without a test or class starting or finishing before a dump. */
  public static final Duration QUIET_LIMIT = Duration.ofSeconds(40);

  private static final int MAX_DUMPS_PER_STALL = 5;

  private static final AtomicInteger WATCHING = new AtomicInteger();

  private ScheduledExecutorService timer; // null between test plans
  private volatile long lastEvent = System.nanoTime();
  private volatile String running = "the test plan";
  private int dumps;
  private long dumpedAt;

  private final Duration quietLimit;

  /** Creates the listener (the JUnit Platform launcher does). */
  public HangWatchdog() {
    this(QUIET_LIMIT);
  }

  HangWatchdog(Duration quietLimit) {
    this.quietLimit = quietLimit;
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    StepVerifier.setDefaultTimeout(STEP_VERIFIER_TIMEOUT);
    moved("the test plan");
    if (timer == null) {
      WATCHING.incrementAndGet();
      ScheduledExecutorService started =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "hang-watchdog");
                t.setDaemon(true);
                return t;
              });
      long tick = Math.max(10, Math.min(1000, quietLimit.toMillis() / 4));
      started.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
      timer = started;
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
      WATCHING.decrementAndGet();
    }
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    moved(test.getDisplayName() + " (" + test.getUniqueId() + ")");
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    Throwable failure = result.getThrowable().orElse(null);
    if (failure != null && mentionsTimeout(failure)) {
      ThreadDumps.dump(test.getDisplayName() + " failed with a timeout: " + failure);
    }
    moved("after " + test.getDisplayName() + " (" + test.getUniqueId() + ")");
  }

  /**
   * Whether a watchdog is watching a running test plan in this JVM (so a test can prove that the
   * launcher loaded it).
   *
   * @return true while a test plan runs under a watchdog
   */
  public static boolean watching() {
    return WATCHING.get() > 0;
  }

  private void moved(String what) {
    running = what;
    lastEvent = System.nanoTime();
  }

  private synchronized void check() {
    long event = lastEvent;
    long quiet = System.nanoTime() - event;
    if (quiet < quietLimit.toNanos()) {
      return;
    }
    if (dumpedAt != event) {
      dumpedAt = event;
      dumps = 0;
    }
    long due = quietLimit.toNanos() * (dumps + 1L);
    if (dumps < MAX_DUMPS_PER_STALL && quiet >= due) {
      dumps++;
      ThreadDumps.dump(
          "nothing started or finished for "
              + TimeUnit.NANOSECONDS.toSeconds(quiet)
              + " s; running: "
              + running
              + " (dump "
              + dumps
              + " of at most "
              + MAX_DUMPS_PER_STALL
              + ")");
    }
  }

  private static boolean mentionsTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof java.util.concurrent.TimeoutException
          || message.contains("timed out")
          || message.contains("timeout")) {
        return true;
      }
    }
    return false;
  }
}
