package dev.chatstore.storage.internal;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.SearchStore;
import reactor.core.publisher.Flux;

/**
 * The rules of {@link SearchStore}, written once: the query is checked (and parsed into terms) by
 * {@link SearchQuery} itself; the base checks it is there and defers the read. What a backend
 * implements is its index: term matching, the score and the keyset of {@link SearchQuery#after()}
 * in the query's order. Thread-safe when the hook is.
 */
public abstract class AbstractSearchStore implements SearchStore {

  /** For subclasses. */
  protected AbstractSearchStore() {}

  @Override
  public final Flux<SearchHit> search(SearchQuery query) {
    Checks.notNull(query, "query");
    return Flux.defer(() -> selectHits(query));
  }

  /**
   * Reads one page of hits: live messages only, in public channels or channels the viewer is a
   * member of, matching every term and the query's filters, after the query's keyset, in its order
   * (relevance: score then id, descending; recency: id descending).
   *
   * @param query the query
   * @return a {@code Flux} of at most {@code query.limit()} hits
   */
  protected abstract Flux<SearchHit> selectHits(SearchQuery query);
}
