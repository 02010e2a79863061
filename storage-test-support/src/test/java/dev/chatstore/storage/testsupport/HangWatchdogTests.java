package dev.chatstore.storage.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TestExecutionListener;

class HangWatchdogTests {

  @Test
  void theLauncherFindsTheWatchdogWithoutConfiguration() {
    assertThat(ServiceLoader.load(TestExecutionListener.class).stream())
        .anyMatch(provider -> provider.type() == HangWatchdog.class);
    // surefire's launcher loaded it: this very test runs under it
    assertThat(HangWatchdog.watching()).isTrue();
  }

  @Test
  void aQuietRunIsDumpedRepeatedlyThenNoMore() throws Exception {
    List<Path> before = dumps();
    HangWatchdog watchdog = new HangWatchdog(Duration.ofMillis(100));
    watchdog.testPlanExecutionStarted(null);
    try {
      Thread.sleep(1_500);
    } finally {
      watchdog.testPlanExecutionFinished(null);
    }
    List<Path> added = dumps().stream().filter(p -> !before.contains(p)).toList();
    assertThat(added).hasSize(5);
    String first = Files.readString(added.get(0));
    assertThat(first)
        .contains("nothing started or finished for", "running: the test plan", "(dump 1 of")
        // full stacks, not ThreadInfo.toString()'s eight frames
        .contains("\"main\"", "aQuietRunIsDumpedRepeatedlyThenNoMore")
        .doesNotContain("\t...");
  }

  private static List<Path> dumps() throws IOException {
    if (!Files.isDirectory(ThreadDumps.DIRECTORY)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(ThreadDumps.DIRECTORY)) {
      return files.sorted().toList();
    }
  }
}
