package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.internal.AbstractSearchStore;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.SearchSql;
import reactor.core.publisher.Flux;

/**
 * {@link dev.chatstore.storage.SearchStore} over R2DBC: one statement per page (see {@link
 * SearchSql}). Thread-safe.
 */
public final class R2dbcSearchStore extends AbstractSearchStore {

  private final Db db;
  private final SearchSql sql;

  R2dbcSearchStore(Db db, Rows rows) {
    this.db = db;
    this.sql = new SearchSql(rows, db.dialect());
  }

  @Override
  protected Flux<SearchHit> selectHits(SearchQuery query) {
    SearchSql.Bound page = sql.page(query);
    return db.read(
        "SearchStore.search", page.sql(), query.limit() + 1, sql::row, page.args().toArray());
  }
}
