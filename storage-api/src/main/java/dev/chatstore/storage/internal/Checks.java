package dev.chatstore.storage.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Eager argument checks with messages that name the argument. Not part of the published contract.
 */
public final class Checks {

  /** The largest page any query may ask for. */
  public static final int MAX_LIMIT = 500;

  private Checks() {}

  /**
   * Rejects null.
   *
   * @param value the value
   * @param name the argument's name
   * @param <T> the type
   * @return the value
   */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /**
   * Checks a required text: not null, not blank, at most {@code max} characters (code points), and
   * free of NUL and other control characters except tab, line feed and carriage return.
   *
   * @param value the value
   * @param name the argument's name
   * @param max the largest length in code points
   * @return the value
   */
  public static String text(String value, String name, int max) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return optionalText(value, name, max);
  }

  /**
   * Checks an optional text: null passes; otherwise at most {@code max} code points, valid UTF-16
   * (no lone surrogates) and free of control characters other than tab, line feed and carriage
   * return.
   *
   * @param value the value or null
   * @param name the argument's name
   * @param max the largest length in code points
   * @return the value
   */
  public static String optionalText(String value, String name, int max) {
    if (value == null) {
      return null;
    }
    int count = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          throw new IllegalArgumentException(name + " contains an unpaired surrogate");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(name + " contains an unpaired surrogate");
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
        throw new IllegalArgumentException(
            name + " must not contain control characters (found U+" + hex(c) + ")");
      }
      count++;
      if (count > max) {
        throw new IllegalArgumentException(name + " must be at most " + max + " characters");
      }
    }
    return value;
  }

  /**
   * Checks a page limit.
   *
   * @param limit the limit
   * @return the limit
   */
  public static int limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }

  /**
   * Checks a value that may not be negative.
   *
   * @param value the value
   * @param name the argument's name
   * @return the value
   */
  public static long notNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * Checks an expected version, which starts at 1.
   *
   * @param version the version
   * @return the version
   */
  public static long version(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("expectedVersion must be at least 1, got " + version);
    }
    return version;
  }

  /**
   * Truncates an instant to microseconds, the precision every backend stores.
   *
   * @param instant the instant, may be null
   * @return the truncated instant, or null
   */
  public static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Shortens a value for an error message.
   *
   * @param value the value
   * @return at most 40 characters of it
   */
  public static String clip(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  /**
   * Looks something up by a key that its record folds and validates (a username, a channel name):
   * the key is folded the way the record folds it, and a key no record could have finds nothing.
   *
   * @param key the key as given
   * @param name the key's name, for the null check
   * @param fold the record's folding and validation, which throws {@link IllegalArgumentException}
   * @param select the lookup by the folded key
   * @param <T> the record
   * @return the lookup, or an empty {@code Mono} for a key that cannot exist
   */
  public static <T> reactor.core.publisher.Mono<T> findByFolded(
      String key,
      String name,
      java.util.function.UnaryOperator<String> fold,
      java.util.function.Function<String, reactor.core.publisher.Mono<T>> select) {
    notNull(key, name);
    String folded;
    try {
      folded = fold.apply(key);
    } catch (IllegalArgumentException e) {
      return reactor.core.publisher.Mono.empty();
    }
    return select.apply(folded);
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
