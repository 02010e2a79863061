package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNullInstant;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.internal.AbstractSearchStore;
import dev.chatstore.storage.sqlite.internal.SearchSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * {@link dev.chatstore.storage.SearchStore} on SQLite's FTS5 index, kept in step by triggers in the
 * writing transaction (see {@link SearchSql}). Thread-safe.
 */
public final class SqliteSearchStore extends AbstractSearchStore {

  private final SqlExecutor db;

  SqliteSearchStore(SqlExecutor db) {
    this.db = db;
  }

  @Override
  protected Flux<SearchHit> selectHits(SearchQuery query) {
    List<Object> args = new ArrayList<>();
    args.add(SearchSql.matchExpression(query));
    args.add(query.viewer());
    args.add(orNull(query.channel()));
    args.add(orNull(query.author()));
    args.add(orNullInstant(query.from()));
    args.add(orNullInstant(query.to()));
    SearchHit after = query.after();
    String sql;
    if (query.order() == SearchOrder.RELEVANCE) {
      sql = SearchSql.SELECT_BY_RELEVANCE;
      args.add(after == null ? SqliteRows.Null.INTEGER : (Object) after.score());
      args.add(orNull(after == null ? null : after.message().id()));
    } else {
      sql = SearchSql.SELECT_BY_RECENCY;
      args.add(orNull(after == null ? null : after.message().id()));
    }
    args.add(query.limit());
    Object[] bound = args.toArray();
    return db.read("SearchStore.search", c -> list(c, sql, SearchSql::row, bound))
        .flatMapIterable(rows -> rows);
  }
}
