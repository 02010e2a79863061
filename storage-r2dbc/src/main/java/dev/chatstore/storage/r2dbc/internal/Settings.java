package dev.chatstore.storage.r2dbc.internal;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings of an R2DBC storage, from the URL's query parameters overridden by {@code
 * StorageOptions.properties}. Durations are ISO-8601 ({@code PT5S}) or a number with {@code ms} or
 * {@code s} (a bare number is milliseconds).
 *
 * @param poolSize {@code poolSize}: the most pooled connections (default 10)
 * @param maxAcquireTime {@code maxAcquireTime}: the longest wait for a pooled connection, after
 *     which the operation fails with a transient error (default 5 s)
 * @param maxCreateConnectionTime {@code maxCreateConnectionTime}: the longest wait to open a
 *     connection (default 10 s)
 * @param maxValidationTime {@code maxValidationTime}: the longest validation of a pooled connection
 *     (default 2 s)
 * @param maxIdleTime {@code maxIdleTime}: idle connections are closed after this (default 10 min)
 * @param maxPendingAcquire {@code maxPendingAcquire}: the most callers waiting for a connection;
 *     beyond it acquiring fails at once with a transient error (default 256 times the pool size, at
 *     most 10,000)
 */
public record Settings(
    int poolSize,
    Duration maxAcquireTime,
    Duration maxCreateConnectionTime,
    Duration maxValidationTime,
    Duration maxIdleTime,
    int maxPendingAcquire) {

  /**
   * Validates the settings.
   *
   * @param poolSize the pool size
   * @param maxAcquireTime the acquire timeout
   * @param maxCreateConnectionTime the connect timeout
   * @param maxValidationTime the validation timeout
   * @param maxIdleTime the idle time
   * @param maxPendingAcquire the pending queue bound
   */
  public Settings {
    if (poolSize < 1 || poolSize > 1000) {
      throw new IllegalArgumentException("poolSize must be 1 to 1000, got " + poolSize);
    }
    if (maxPendingAcquire < 1) {
      throw new IllegalArgumentException("maxPendingAcquire must be positive");
    }
  }

  /**
   * Reads the settings.
   *
   * @param url the parsed URL
   * @param properties the overriding properties
   * @return the settings
   * @throws IllegalArgumentException if a value is malformed
   */
  public static Settings of(ConnectionFactoryOptions url, Map<String, String> properties) {
    int poolSize = integer(value(url, properties, "poolSize"), "poolSize", 10);
    int pending =
        integer(
            value(url, properties, "maxPendingAcquire"),
            "maxPendingAcquire",
            Math.min(10_000, poolSize * 256));
    return new Settings(
        poolSize,
        duration(value(url, properties, "maxAcquireTime"), "maxAcquireTime", Duration.ofSeconds(5)),
        duration(
            value(url, properties, "maxCreateConnectionTime"),
            "maxCreateConnectionTime",
            Duration.ofSeconds(10)),
        duration(
            value(url, properties, "maxValidationTime"),
            "maxValidationTime",
            Duration.ofSeconds(2)),
        duration(value(url, properties, "maxIdleTime"), "maxIdleTime", Duration.ofMinutes(10)),
        pending);
  }

  private static @Nullable String value(
      ConnectionFactoryOptions url, Map<String, String> properties, String name) {
    String override = properties.get(name);
    if (override != null) {
      return override;
    }
    Object value = url.getValue(Option.valueOf(name));
    return value == null ? null : value.toString();
  }

  private static int integer(@Nullable String value, String name, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
    }
  }

  private static Duration duration(@Nullable String value, String name, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    try {
      Duration result;
      if (text.startsWith("p")) {
        result = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        result = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
      } else if (text.endsWith("s")) {
        result = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).strip()));
      } else {
        result = Duration.ofMillis(Long.parseLong(text));
      }
      if (result.isNegative() || result.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got '" + value + "'");
      }
      return result;
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(name)) {
        throw iae;
      }
      throw new IllegalArgumentException(
          name + " must be a duration such as PT5S, 500ms or 5s, got '" + value + "'", e);
    }
  }
}
