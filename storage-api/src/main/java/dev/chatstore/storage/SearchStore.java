package dev.chatstore.storage;

import reactor.core.publisher.Flux;

/**
 * Full-text search over message bodies (see {@link SearchQuery} for the query language). The index
 * is kept in step with the messages in the same transaction: a committed message is found at once,
 * a deleted or purged one never again.
 *
 * <p>PostgreSQL uses a GIN index over {@code to_tsvector('simple', body)}; SQLite an FTS5 table; H2
 * a word-boundary scan (fine for tests and small embedded data). Every method checks its arguments
 * at call time and touches the database only on subscription; errors are signalled as {@link
 * StorageException}s; cancelling releases the connection. Implementations are thread-safe.
 */
public interface SearchStore {

  /**
   * Searches.
   *
   * @param query the query
   * @return a {@code Flux} of at most {@code limit} hits in the query's order; empty when nothing
   *     (more) matches
   */
  Flux<SearchHit> search(SearchQuery query);
}
