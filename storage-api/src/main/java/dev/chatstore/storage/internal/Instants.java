package dev.chatstore.storage.internal;

import java.time.Clock;
import java.time.Instant;

/** "Now" as every backend stores it: the storage's clock, truncated to microseconds. */
public final class Instants {

  private Instants() {}

  /**
   * The current instant at the precision every backend stores.
   *
   * @param clock the storage's clock
   * @return the instant, truncated to microseconds
   */
  public static Instant now(Clock clock) {
    return Checks.micros(clock.instant());
  }
}
