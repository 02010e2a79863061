package dev.chatstore.storage.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Thread-safe: backends read it on their own
 * threads.
 */
public final class TestClock extends Clock {

  private final AtomicReference<Instant> now;

  /**
   * Creates a clock standing at an instant.
   *
   * @param start the instant
   */
  public TestClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * The instant a storage stamps when it reads this clock now: the current instant truncated to
   * microseconds, the precision every backend stores.
   *
   * @return the current instant in microseconds
   */
  public Instant micros() {
    return instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Moves the clock to an instant (forward or back).
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far
   * @return the new instant
   */
  public Instant advance(Duration duration) {
    return now.updateAndGet(i -> i.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("the test clock is UTC only");
  }
}
