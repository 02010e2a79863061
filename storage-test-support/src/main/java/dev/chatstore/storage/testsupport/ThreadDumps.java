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
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Full thread dumps (every frame, with locks), as {@code jcmd <pid> Thread.print} would show. */
public final class ThreadDumps {

  /** Where dumps are written, relative to the module under test. */
  public static final Path DIRECTORY = Path.of("target", "thread-dumps");

  private static final AtomicInteger WRITTEN = new AtomicInteger();

  private ThreadDumps() {}

  /**
   * Writes every thread's full stack to standard error (surefire keeps it in the test class's
   * {@code -output.txt}) and to a file under {@link #DIRECTORY}.
   *
   * @param reason why (the first line of the dump)
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
      Files.createDirectories(DIRECTORY);
      Path file =
          DIRECTORY.resolve(
              "dump-"
                  + ProcessHandle.current().pid()
                  + "-"
                  + WRITTEN.incrementAndGet()
                  + "-"
                  + System.currentTimeMillis()
                  + ".txt");
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a thread dump", e);
    }
    return text;
  }

  private static void append(StringBuilder out, ThreadInfo info) {
    out.append('"')
        .append(info.getThreadName())
        .append("\" #")
        .append(info.getThreadId())
        .append(info.isDaemon() ? " daemon " : " ")
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
    for (int depth = 0; depth < stack.length; depth++) {
      out.append("\tat ").append(stack[depth]).append('\n');
      for (MonitorInfo monitor : monitors) {
        if (monitor.getLockedStackDepth() == depth) {
          out.append("\t- locked ").append(monitor).append('\n');
        }
      }
    }
    for (LockInfo lock : info.getLockedSynchronizers()) {
      out.append("\t- holds ").append(lock).append('\n');
    }
    out.append('\n');
  }
}
