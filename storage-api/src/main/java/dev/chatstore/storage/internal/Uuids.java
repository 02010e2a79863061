package dev.chatstore.storage.internal;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * UUID version 7 generation (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter and 62
 * random bits. Within one process the ids are strictly increasing, even when the clock stands still
 * or steps back: the counter carries into the timestamp (method 1 of RFC 9562, section 6.2).
 *
 * <p>The random bits come from a {@link SplittableRandom}, not a {@code SecureRandom}: ids must be
 * unique, not secret, and drawing them must never block (a {@code SecureRandom} reads {@code
 * /dev/urandom}, on whatever thread asks, event loops included). Uniqueness within the process is
 * guaranteed by the timestamp and counter; the random bits separate processes. Secrets such as
 * bearer tokens use {@code SecureRandom} directly.
 *
 * <p>Thread-safe. Not part of the published contract.
 */
public final class Uuids {

  private static final SplittableRandom RANDOM = new SplittableRandom();
  private static final Object LOCK = new Object();
  private static long lastMillis;
  private static long counter;

  private Uuids() {}

  /**
   * Returns the next time-ordered UUID.
   *
   * @return a version 7 UUID greater than every one returned before by this process
   */
  public static UUID next() {
    long millis;
    long seq;
    long random;
    synchronized (LOCK) {
      long now = System.currentTimeMillis();
      if (now > lastMillis) {
        lastMillis = now;
        counter = RANDOM.nextInt(1 << 10); // leave room to count up within one millisecond
      } else if (++counter > 0xFFF) {
        lastMillis++;
        counter = 0;
      }
      millis = lastMillis;
      seq = counter;
      random = RANDOM.nextLong();
    }
    long msb = (millis << 16) | (0x7L << 12) | seq;
    long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  /**
   * Parses a UUID, naming the argument in the error.
   *
   * @param text the text
   * @param name the argument's name for the error message
   * @return the UUID
   * @throws IllegalArgumentException if the text is not a canonical UUID
   */
  public static UUID parse(String text, String name) {
    Checks.notNull(text, name);
    if (text.length() != 36) {
      throw new IllegalArgumentException(name + " must be a UUID, got '" + Checks.clip(text) + "'");
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a UUID, got '" + Checks.clip(text) + "'");
    }
  }

  /**
   * Compares two UUIDs as unsigned 128-bit numbers, which is their time order for version 7 and the
   * order of their canonical text and of their bytes in the databases.
   *
   * @param a the first
   * @param b the second
   * @return negative, zero or positive
   */
  public static int compare(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0
        ? c
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
