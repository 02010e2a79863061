package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Message;
import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.Visibility;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Dialect;
import dev.chatstore.storage.r2dbc.internal.MessageSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * {@link SearchStore} over R2DBC. The term matching and score come from the dialect ({@link
 * Dialect#searchMatch}: a GIN-indexed tsvector on PostgreSQL, word-boundary regular expressions on
 * H2); the rest is one statement for both: live messages only (tombstones have an empty body and
 * are excluded; purged ones are gone), in public channels or channels the viewer is a member of,
 * the optional filters, and a keyset on {@code (score, id)} for relevance or {@code id} for
 * recency, newest first. The statement is assembled from fixed fragments; every value, the terms
 * included, is bound. Thread-safe.
 */
public final class R2dbcSearchStore implements SearchStore {

  private final Db db;
  private final Rows rows;
  private final MessageSql messageSql;

  R2dbcSearchStore(Db db, Rows rows) {
    this.db = db;
    this.rows = rows;
    this.messageSql = new MessageSql(rows);
  }

  @Override
  public Flux<SearchHit> search(SearchQuery query) {
    Checks.notNull(query, "query");
    List<Object> args = new ArrayList<>();
    Dialect.SearchMatch match = db.dialect().searchMatch(query.terms(), 1);
    args.addAll(match.args());
    StringBuilder sql =
        new StringBuilder("SELECT * FROM (SELECT ")
            .append(MessageSql.COLUMNS)
            .append(", ")
            .append(match.score())
            .append(" AS score")
            .append(MessageSql.FROM)
            .append(" WHERE ")
            .append(match.predicate())
            .append(" AND m.deleted_at IS NULL AND m.channel_id IN (SELECT c.id FROM channels c")
            .append(" WHERE c.visibility = ")
            .append(marker(args, Visibility.PUBLIC.name()))
            .append(" UNION SELECT ms.channel_id FROM memberships ms WHERE ms.user_id = ")
            .append(marker(args, query.viewer().value()))
            .append(')');
    if (query.channel() != null) {
      sql.append(" AND m.channel_id = ").append(marker(args, query.channel().value()));
    }
    if (query.author() != null) {
      sql.append(" AND m.author_id = ").append(marker(args, query.author().value()));
    }
    if (query.from() != null) {
      sql.append(" AND m.created_at >= ").append(marker(args, query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND m.created_at < ").append(marker(args, query.to()));
    }
    SearchHit after = query.after();
    if (query.order() == SearchOrder.RECENCY) {
      if (after != null) {
        sql.append(" AND m.id < ").append(marker(args, after.message().id().value()));
      }
      sql.append(") h ORDER BY h.id DESC");
    } else {
      sql.append(") h");
      if (after != null) {
        String score = marker(args, after.score());
        sql.append(" WHERE h.score < ")
            .append(score)
            .append(" OR (h.score = ")
            .append(score)
            .append(" AND h.id < ")
            .append(marker(args, after.message().id().value()))
            .append(')');
      }
      sql.append(" ORDER BY h.score DESC, h.id DESC");
    }
    sql.append(" LIMIT ").append(marker(args, query.limit()));
    return db.read(
        "SearchStore.search", sql.toString(), query.limit() + 1, this::hit, args.toArray());
  }

  private SearchHit hit(io.r2dbc.spi.Readable row) {
    Message message = messageSql.row(row);
    Number score = Objects.requireNonNull(row.get("score", Number.class), "score");
    return new SearchHit(message, score.doubleValue());
  }

  private static String marker(List<Object> args, Object value) {
    args.add(value);
    return "$" + args.size();
  }
}
