package dev.chatstore.storage.sqlite.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a SQLite storage, parsed from a {@code sqlite:<path>[?name=value&...]} URL whose
 * query parameters the options' properties override. Immutable.
 *
 * @param file the database file
 * @param synchronous {@code FULL} (a committed write survives power loss) or {@code NORMAL} (it
 *     survives a process crash; a power loss may drop the last commits)
 * @param busyTimeoutMillis how long a connection waits for a lock before failing with BUSY
 * @param poolSize how many read connections (and read threads)
 * @param queueCapacity how many writes (and reads) may wait; more fail fast as transient errors
 * @param batchSize the most writes one group commit takes
 * @param transactionTimeout how long an {@code inTransaction} may hold the writer before it is
 *     rolled back
 */
public record SqliteConfig(
    Path file,
    String synchronous,
    int busyTimeoutMillis,
    int poolSize,
    int queueCapacity,
    int batchSize,
    Duration transactionTimeout) {

  /** The URL scheme, with its colon. */
  public static final String SCHEME = "sqlite:";

  private static final Set<String> KNOWN =
      Set.of(
          "synchronous",
          "busyTimeout",
          "poolSize",
          "queueCapacity",
          "batchSize",
          "transactionTimeout");

  /**
   * Parses a URL and applies property overrides.
   *
   * @param url the URL, such as {@code sqlite:./data/chat.db?synchronous=NORMAL}
   * @param properties overrides of the query parameters
   * @return the settings
   * @throws IllegalArgumentException naming what is malformed, unknown or out of range
   */
  public static SqliteConfig parse(String url, Map<String, String> properties) {
    if (!url.startsWith(SCHEME)) {
      throw new IllegalArgumentException("not a sqlite URL (expected sqlite:<path>): " + url);
    }
    String rest = url.substring(SCHEME.length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.isBlank()) {
      throw new IllegalArgumentException(
          "sqlite URL needs a file path, as in sqlite:./data/chat.db, got: " + url);
    }
    if (rest.equals(":memory:") || rest.startsWith("file:")) {
      throw new IllegalArgumentException(
          "sqlite URL must name a plain file path (in-memory and file: URIs are not supported), got: "
              + url);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "malformed sqlite URL parameter '" + pair + "' (expected name=value)");
      }
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    params.putAll(properties);
    List<String> unknown =
        params.keySet().stream().filter(k -> !KNOWN.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown sqlite parameter"
              + (unknown.size() > 1 ? "s " : " ")
              + unknown
              + "; known parameters: "
              + new TreeSet<>(KNOWN));
    }
    String synchronous = params.getOrDefault("synchronous", "FULL").toUpperCase(Locale.ROOT);
    if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
      throw new IllegalArgumentException(
          "sqlite parameter synchronous must be FULL or NORMAL, got '"
              + params.get("synchronous")
              + "'");
    }
    int busyTimeout = intParam(params, "busyTimeout", 5000, 0, Integer.MAX_VALUE);
    int poolSize = intParam(params, "poolSize", 4, 1, 64);
    int queueCapacity = intParam(params, "queueCapacity", 10_000, 1, 10_000_000);
    int batchSize = intParam(params, "batchSize", 256, 1, 100_000);
    int txTimeout = intParam(params, "transactionTimeout", 60_000, 1, Integer.MAX_VALUE);
    Path file;
    try {
      file = Path.of(rest);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("sqlite URL has an invalid file path: " + rest, e);
    }
    return new SqliteConfig(
        file,
        synchronous,
        busyTimeout,
        poolSize,
        queueCapacity,
        batchSize,
        Duration.ofMillis(txTimeout));
  }

  private static int intParam(
      Map<String, String> params, String name, int fallback, int min, int max) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "sqlite parameter " + name + " must be an integer, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "sqlite parameter "
              + name
              + " must be between "
              + min
              + " and "
              + max
              + ", got "
              + value);
    }
    return value;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed escape in sqlite URL parameter '" + text + "'");
    }
  }
}
