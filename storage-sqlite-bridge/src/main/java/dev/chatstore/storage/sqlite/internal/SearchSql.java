package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Search on SQLite: the FTS5 index {@code messages_fts} (changeset {@code 0014-search-sqlite}), its
 * statements, the MATCH expression and the row mapping. Relevance is bm25 negated (higher is
 * better), ties newest first; recency is id order (ids are time-ordered).
 */
public final class SearchSql {

  private SearchSql() {}

  /**
   * The matches of a search, as a subquery. Binds: match (?1), viewer (?2), channel (?3), author
   * (?4), from (?5), to (?6), each filter NULL when absent. The score is bm25 negated.
   */
  private static final String MATCHES =
      """
      SELECT m.id AS id, m.channel_id, m.seq, m.author_id, m.body, m.parent_id, m.client_txn_id,
             m.created_at, m.edited_at, m.deleted_at, m.version,
             COALESCE(t.reply_count, 0) AS reply_count, t.last_reply_at,
             -bm25(messages_fts) AS score
        FROM messages_fts
        JOIN message_search_docs d ON d.doc_id = messages_fts.rowid
        JOIN messages m ON m.id = d.message_id
        JOIN channels c ON c.id = m.channel_id
        LEFT JOIN message_threads t ON t.message_id = m.id
       WHERE messages_fts MATCH ?1
         AND m.deleted_at IS NULL
         AND (c.visibility = 'PUBLIC'
              OR EXISTS (SELECT 1 FROM memberships ms
                          WHERE ms.channel_id = m.channel_id AND ms.user_id = ?2))
         AND (?3 IS NULL OR m.channel_id = ?3)
         AND (?4 IS NULL OR m.author_id = ?4)
         AND (?5 IS NULL OR m.created_at >= ?5)
         AND (?6 IS NULL OR m.created_at < ?6)
      """;

  /**
   * A page of hits by relevance: the matches' binds, then the keyset after a hit (score ?7, NULL
   * for the first page; id ?8) and the limit (?9).
   */
  public static final String SELECT_BY_RELEVANCE =
      "SELECT * FROM ("
          + MATCHES
          + ") h WHERE (?7 IS NULL OR h.score < ?7 OR (h.score = ?7 AND h.id < ?8))"
          + " ORDER BY h.score DESC, h.id DESC LIMIT ?9";

  /**
   * A page of hits by recency: the matches' binds, then the keyset after a hit (id ?7, NULL for the
   * first page) and the limit (?8).
   */
  public static final String SELECT_BY_RECENCY =
      "SELECT * FROM ("
          + MATCHES
          + ") h WHERE (?7 IS NULL OR h.id < ?7) ORDER BY h.id DESC LIMIT ?8";

  /**
   * The FTS5 MATCH expression of a query: every term as a quoted string (so no term is read as FTS5
   * syntax), a prefix term followed by {@code *}, joined by spaces (FTS5's implicit AND). Terms
   * hold only letters and digits; quotes are doubled all the same. The result is bound, never
   * concatenated into SQL.
   *
   * @param query the query
   * @return the expression
   */
  public static String matchExpression(SearchQuery query) {
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

  /**
   * Maps a row of either page: the message columns and the score.
   *
   * @param rs the row
   * @return the hit
   * @throws SQLException when a column cannot be read
   */
  public static SearchHit row(ResultSet rs) throws SQLException {
    return new SearchHit(MessageSql.row(rs), rs.getDouble("score"));
  }
}
