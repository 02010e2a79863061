package dev.chatstore.storage.internal;

import org.jspecify.annotations.Nullable;

/**
 * Key ranges for prefix queries, in the order every backend sorts keys: Unicode code point order,
 * which is the byte order of UTF-8 (SQLite's {@code BINARY}, PostgreSQL's {@code COLLATE "C"},
 * DynamoDB's string sort keys). Pure functions; thread-safe.
 */
public final class KeyRanges {

  private KeyRanges() {}

  /**
   * The keys that start with a prefix, as the range {@code [prefix, end)}.
   *
   * @param prefix the prefix: the inclusive lower bound
   * @param end the exclusive upper bound, or null when no key is above the range (an empty prefix,
   *     or one made only of {@link Character#MAX_CODE_POINT})
   */
  public record Range(String prefix, @Nullable String end) {

    /**
     * Validates the bounds.
     *
     * @param prefix the prefix
     * @param end the upper bound or null
     */
    public Range {
      Checks.notNull(prefix, "prefix");
    }

    /**
     * Whether a key lies in the range, in code point order.
     *
     * @param key the key
     * @return true when {@code prefix <= key < end}
     */
    public boolean contains(String key) {
      return compare(prefix, key) <= 0 && (end == null || compare(key, end) < 0);
    }
  }

  /**
   * The range of the keys that start with a prefix: the least string above all of them is the
   * prefix without its trailing {@link Character#MAX_CODE_POINT}s, its last code point then
   * incremented (skipping the surrogate block, which no valid key holds). An empty prefix, or one
   * of maximal code points only, has no upper bound.
   *
   * @param prefix the prefix, valid UTF-16 (no unpaired surrogates), possibly empty
   * @return the range
   * @throws IllegalArgumentException if the prefix holds an unpaired surrogate
   */
  public static Range prefixRange(String prefix) {
    Checks.notNull(prefix, "prefix");
    int[] points = codePoints(prefix);
    int last = points.length - 1;
    while (last >= 0 && points[last] == Character.MAX_CODE_POINT) {
      last--;
    }
    if (last < 0) {
      return new Range(prefix, null);
    }
    int next = points[last] + 1;
    if (next == Character.MIN_SURROGATE) {
      next = Character.MAX_SURROGATE + 1;
    }
    StringBuilder end = new StringBuilder(prefix.length() + 1);
    for (int i = 0; i < last; i++) {
      end.appendCodePoint(points[i]);
    }
    return new Range(prefix, end.appendCodePoint(next).toString());
  }

  /**
   * Compares two strings in code point order (UTF-8 byte order), unlike {@link String#compareTo},
   * which compares UTF-16 units and puts U+10000 and above before U+E000..U+FFFF.
   *
   * @param a a string
   * @param b another
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int[] codePoints(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("prefix contains an unpaired surrogate");
      }
    }
    return text.codePoints().toArray();
  }
}
