package dev.chatstore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTests {

  @TempDir Path dir;

  @Test
  void theSnippetStreamsAHistoryLongerThanOnePageAndClosesCleanly() {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    long printed =
        QuickStart.run(
            "sqlite:" + dir.resolve("chat.db"),
            1200,
            new PrintStream(lines, true, StandardCharsets.UTF_8));
    assertThat(printed).isEqualTo(1200);
    List<String> out = lines.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(out).hasSize(1200).startsWith("1 hello 1").endsWith("1200 hello 1200");
  }

  @Test
  void openingAStoragePrintsNothingAndLogsNothingAboveDebug() {
    List<LogRecord> records = new ArrayList<>();
    Handler recorder =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() > Level.FINE.intValue()) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(recorder);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      QuickStart.run(
          "sqlite:" + dir.resolve("quiet.db"), 3, new PrintStream(new ByteArrayOutputStream()));
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(recorder);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).as("stdout and stderr").isEmpty();
    assertThat(records).as("log records above FINE").extracting(LogRecord::getMessage).isEmpty();
  }

  @Test
  void theReadmeShowsThisVeryCode() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String source =
        Files.readString(Path.of("src/main/java/dev/chatstore/examples/QuickStart.java"));
    String snippet =
        between(source, "// README: library snippet begins", "// README: library snippet ends");
    assertThat(normalized(readme))
        .as("README.md's library snippet is QuickStart.run's body: update both together")
        .contains(normalized(snippet));
  }

  private static String between(String text, String begin, String end) {
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertThat(from).isNotNegative();
    assertThat(to).isGreaterThan(from);
    return text.substring(from + begin.length(), to);
  }

  private static String normalized(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }
}
