package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Clock;
import java.util.Map;

/**
 * Options for opening a {@link Storage}, besides its URL. Immutable and thread-safe.
 *
 * @param clock the clock that stamps creation, edit and expiry times (UTC, truncated to
 *     microseconds)
 * @param observer receives a call per database round trip
 * @param properties backend-specific settings that override the URL's query parameters, such as
 *     {@code poolSize}; each backend documents its own
 */
public record StorageOptions(
    Clock clock, StorageObserver observer, Map<String, String> properties) {

  /**
   * Validates the fields and copies the properties.
   *
   * @param clock the clock
   * @param observer the observer
   * @param properties the properties
   */
  public StorageOptions {
    Checks.notNull(clock, "clock");
    Checks.notNull(observer, "observer");
    properties = Map.copyOf(Checks.notNull(properties, "properties"));
  }

  /**
   * The defaults: the system UTC clock, no observer, no properties.
   *
   * @return the default options
   */
  public static StorageOptions defaults() {
    return new StorageOptions(Clock.systemUTC(), StorageObserver.NONE, Map.of());
  }

  /**
   * Returns a copy with another clock.
   *
   * @param value the clock
   * @return new options
   */
  public StorageOptions withClock(Clock value) {
    return new StorageOptions(value, observer, properties);
  }

  /**
   * Returns a copy with another observer.
   *
   * @param value the observer
   * @return new options
   */
  public StorageOptions withObserver(StorageObserver value) {
    return new StorageOptions(clock, value, properties);
  }

  /**
   * Returns a copy with other properties.
   *
   * @param value the properties
   * @return new options
   */
  public StorageOptions withProperties(Map<String, String> value) {
    return new StorageOptions(clock, observer, value);
  }
}
