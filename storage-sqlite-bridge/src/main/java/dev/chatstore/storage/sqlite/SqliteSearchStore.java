package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNullInstant;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.MessageSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * {@link SearchStore} on SQLite's FTS5 index (changeset {@code 0014-search-sqlite}), kept in step
 * by triggers in the writing transaction. Relevance is bm25 negated (higher is better), ties newest
 * first; recency is id order (ids are time-ordered). Thread-safe.
 */
public final class SqliteSearchStore implements SearchStore {

  private final SqlExecutor db;

  SqliteSearchStore(SqlExecutor db) {
    this.db = db;
  }

  @Override
  public Flux<SearchHit> search(SearchQuery query) {
    Checks.notNull(query, "query");
    String match = matchExpression(query);
    List<Object> args = new ArrayList<>();
    args.add(match);
    args.add(query.viewer());
    args.add(orNull(query.channel()));
    args.add(orNull(query.channel()));
    args.add(orNull(query.author()));
    args.add(orNull(query.author()));
    args.add(orNullInstant(query.from()));
    args.add(orNullInstant(query.from()));
    args.add(orNullInstant(query.to()));
    args.add(orNullInstant(query.to()));
    SearchHit after = query.after();
    String sql;
    if (query.order() == SearchOrder.RELEVANCE) {
      sql = SqliteSql.SEARCH_AFTER_RELEVANCE;
      Object score = after == null ? SqliteRows.Null.INTEGER : (Object) after.score();
      args.add(score);
      args.add(score);
      args.add(score);
      args.add(orNull(after == null ? null : after.message().id()));
    } else {
      sql = SqliteSql.SEARCH_AFTER_RECENCY;
      Object id = orNull(after == null ? null : after.message().id());
      args.add(id);
      args.add(id);
    }
    args.add(query.limit());
    Object[] bound = args.toArray();
    return db.read(
            "SearchStore.search",
            c ->
                list(c, sql, rs -> new SearchHit(MessageSql.row(rs), rs.getDouble("score")), bound))
        .flatMapIterable(rows -> rows);
  }

  /**
   * The FTS5 MATCH expression of a query: every term as a quoted string (so no term is read as FTS5
   * syntax), a prefix term followed by {@code *}, joined by spaces (FTS5's implicit AND). Terms
   * hold only letters and digits; quotes are doubled all the same. The result is bound, never
   * concatenated into SQL.
   */
  static String matchExpression(SearchQuery query) {
    StringBuilder b = new StringBuilder();
    for (SearchQuery.Term term : query.terms()) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append('"').append(term.word().replace("\"", "\"\"")).append('"');
      if (term.prefix()) {
        b.append('*');
      }
    }
    return b.toString();
  }
}
