package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Visibility;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Search over R2DBC: the statement of one page of hits and its row mapping. The term matching and
 * the score differ by database and stay in the dialect ({@link Dialect#searchMatch}: a GIN-indexed
 * tsvector on PostgreSQL, word-boundary regular expressions on H2); the rest is one statement for
 * both: live messages only, in public channels or channels the viewer is a member of, the optional
 * filters, and a keyset on {@code (score, id)} for relevance or {@code id} for recency, newest
 * first. The statement is assembled from fixed fragments; every value, the terms included, is
 * bound.
 */
public final class SearchSql {

  private final MessageSql messages;
  private final Dialect dialect;

  /**
   * Creates the statements and the mapping.
   *
   * @param rows the dialect's column readers
   * @param dialect the dialect, for term matching
   */
  public SearchSql(Rows rows, Dialect dialect) {
    this.messages = new MessageSql(rows);
    this.dialect = dialect;
  }

  /**
   * A statement and its bound values.
   *
   * @param sql the statement
   * @param args the values in marker order
   */
  public record Bound(String sql, List<Object> args) {}

  /**
   * The statement of one page of a query's hits, read by {@link #row}.
   *
   * @param query the query
   * @return the statement and its values
   */
  public Bound page(SearchQuery query) {
    List<Object> args = new ArrayList<>();
    Dialect.SearchMatch match = dialect.searchMatch(query.terms(), 1);
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
    return new Bound(sql.toString(), List.copyOf(args));
  }

  /**
   * Maps a row of {@link #page}: the message columns and the score.
   *
   * @param row the row
   * @return the hit
   */
  public SearchHit row(Readable row) {
    Number score = Objects.requireNonNull(row.get("score", Number.class), "score");
    return new SearchHit(messages.row(row), score.doubleValue());
  }

  private static String marker(List<Object> args, Object value) {
    args.add(value);
    return "$" + args.size();
  }
}
