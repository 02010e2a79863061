package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A full-text search over message bodies, restricted to the channels a viewer may read (public
 * channels and those the viewer is a member of). Immutable and thread-safe.
 *
 * <p>The text is split into terms at every character that is not a letter or digit; terms are
 * matched case-insensitively as whole words, and a term written with a trailing {@code *} matches
 * as a prefix. Every term must match. Stemming is not applied, so every backend finds the same
 * messages for the same query. Deleted and purged messages never match.
 *
 * <p>Keyset paging: pass the last hit of a page as {@code after} to read the next page.
 *
 * @param text the query, 1 to 200 characters with at least one term
 * @param viewer whose readable channels are searched
 * @param channel only this channel, or null for all readable channels
 * @param author only this author's messages, or null
 * @param from only messages posted at or after this instant, or null
 * @param to only messages posted before this instant, or null
 * @param order how hits are ordered
 * @param after the last hit of the previous page, or null for the first page
 * @param limit the page size, 1 to 500
 */
public record SearchQuery(
    String text,
    UserId viewer,
    @Nullable ChannelId channel,
    @Nullable UserId author,
    @Nullable Instant from,
    @Nullable Instant to,
    SearchOrder order,
    @Nullable SearchHit after,
    int limit) {

  /** Most terms a query may have. */
  public static final int MAX_TERMS = 16;

  /**
   * Validates the fields.
   *
   * @param text the query
   * @param viewer the viewer
   * @param channel the channel or null
   * @param author the author or null
   * @param from the earliest time or null
   * @param to the end time or null
   * @param order the order
   * @param after the previous page's last hit or null
   * @param limit the page size
   */
  public SearchQuery {
    Checks.text(text, "text", 200);
    Checks.notNull(viewer, "viewer");
    Checks.notNull(order, "order");
    from = Checks.micros(from);
    to = Checks.micros(to);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    Checks.limit(limit);
    List<Term> terms = terms(text);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("text must contain at least one word");
    }
    if (terms.size() > MAX_TERMS) {
      throw new IllegalArgumentException("text must contain at most " + MAX_TERMS + " words");
    }
  }

  /**
   * A first page of all readable channels, by relevance.
   *
   * @param text the query
   * @param viewer the viewer
   * @param limit the page size
   * @return the query
   */
  public static SearchQuery of(String text, UserId viewer, int limit) {
    return new SearchQuery(
        text, viewer, null, null, null, null, SearchOrder.RELEVANCE, null, limit);
  }

  /**
   * One term of a query.
   *
   * @param word the lower-case word, letters and digits only
   * @param prefix whether it matches as a prefix
   */
  public record Term(String word, boolean prefix) {

    /**
     * Validates the fields.
     *
     * @param word the word
     * @param prefix whether a prefix
     */
    public Term {
      Checks.notNull(word, "word");
    }
  }

  /**
   * The terms of this query.
   *
   * @return the terms in order, without duplicates
   */
  public List<Term> terms() {
    return terms(text);
  }

  /**
   * Returns a copy for the page after a hit.
   *
   * @param last the last hit of the current page
   * @return a new query
   */
  public SearchQuery next(SearchHit last) {
    return new SearchQuery(text, viewer, channel, author, from, to, order, last, limit);
  }

  private static List<Term> terms(String text) {
    List<Term> terms = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      boolean prefix = i < n && text.charAt(i) == '*';
      Term term = new Term(text.substring(start, i).toLowerCase(Locale.ROOT), prefix);
      if (!terms.contains(term)) {
        terms.add(term);
      }
    }
    return terms;
  }
}
