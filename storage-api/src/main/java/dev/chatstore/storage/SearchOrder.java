package dev.chatstore.storage;

/** How search results are ordered. */
public enum SearchOrder {
  /** Best match first (ties: newest first). */
  RELEVANCE,
  /** Newest first. */
  RECENCY
}
