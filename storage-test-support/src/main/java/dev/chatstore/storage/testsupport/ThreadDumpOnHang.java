package dev.chatstore.storage.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A watchdog for tests that may hang: when a phase of a test class (its {@code @BeforeAll}, a test
 * with its {@code @BeforeEach}/{@code @AfterEach}, its {@code @AfterAll}) runs longer than {@link
 * #LIMIT}, or a test fails with a timeout, every thread's full stack (with locks) is written to
 * standard error and to {@code target/thread-dumps/}. It dumps before StepVerifier's default
 * timeout fires (set it above the limit), so a hang leaves evidence of what every thread waited
 * for. Register it with {@code @ExtendWith(ThreadDumpOnHang.class)}.
 */
public final class ThreadDumpOnHang
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestExecutionExceptionHandler {

  /** How long a phase may run before the threads are dumped. */
  public static final Duration LIMIT = Duration.ofSeconds(30);

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "thread-dump-watchdog");
            t.setDaemon(true);
            return t;
          });

  private ScheduledFuture<?> pending;

  /** Creates the extension (JUnit does, once per test class). */
  public ThreadDumpOnHang() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    watch(context.getDisplayName() + " (before all)");
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    watch(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    watch(context.getRequiredTestClass().getSimpleName() + " (after a test, or its @AfterAll)");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cancel();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")
        || String.valueOf(failure.getMessage()).contains("timed out")) {
      dump(context.getDisplayName() + " failed with a timeout");
    }
    throw failure;
  }

  private synchronized void watch(String phase) {
    cancel();
    pending =
        WATCHDOG.schedule(
            () -> dump(phase + " still running after " + LIMIT.toSeconds() + " s"),
            LIMIT.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private synchronized void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /**
   * Writes every thread's full stack to standard error and to a file under {@code
   * target/thread-dumps/}.
   *
   * @param reason why (printed at the top)
   * @return the dump
   */
  public static String dump(String reason) {
    StringBuilder out = new StringBuilder();
    out.append("=== thread dump at ")
        .append(Instant.now())
        .append(": ")
        .append(reason)
        .append('\n');
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      append(out, info);
    }
    String text = out.toString();
    System.err.print(text);
    try {
      Path dir = Path.of("target", "thread-dumps");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("dump-" + System.currentTimeMillis() + ".txt"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  private static void append(StringBuilder out, ThreadInfo info) {
    out.append('"')
        .append(info.getThreadName())
        .append("\" #")
        .append(info.getThreadId())
        .append(info.isDaemon() ? " daemon" : "")
        .append(' ')
        .append(info.getThreadState());
    if (info.getLockName() != null) {
      out.append(" on ").append(info.getLockName());
    }
    if (info.getLockOwnerName() != null) {
      out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
    }
    out.append('\n');
    StackTraceElement[] stack = info.getStackTrace();
    MonitorInfo[] monitors = info.getLockedMonitors();
    for (int i = 0; i < stack.length; i++) {
      out.append("\tat ").append(stack[i]).append('\n');
      for (MonitorInfo m : monitors) {
        if (m.getLockedStackDepth() == i) {
          out.append("\t- locked ").append(m).append('\n');
        }
      }
    }
    for (LockInfo l : info.getLockedSynchronizers()) {
      out.append("\t- holds ").append(l).append('\n');
    }
    out.append('\n');
  }
}
