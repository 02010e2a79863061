package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.Session;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code sessions} table on SQLite: its statements, its column list and its row mapping. */
public final class SessionSql {

  private SessionSql() {}

  /** The columns {@link #row} reads. */
  private static final String COLUMNS =
      "id, user_id, token_hash, created_at, last_seen_at, expires_at";

  /** Inserts a session (id, user, hash, created, last seen, expires) if its user exists. */
  public static final String INSERT_IF_USER_EXISTS =
      "INSERT INTO sessions ("
          + COLUMNS
          + ")"
          + " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2)";

  /** The unexpired session of a token hash (hash, now). */
  public static final String SELECT_VALID =
      "SELECT " + COLUMNS + " FROM sessions WHERE token_hash = ? AND expires_at > ?";

  /** Records a use of an unexpired session (now, expires, id); returns the new row. */
  public static final String TOUCH_VALID =
      "UPDATE sessions SET last_seen_at = ?1, expires_at = ?2 WHERE id = ?3 AND expires_at > ?1"
          + " RETURNING "
          + COLUMNS;

  /** Deletes a session (id). */
  public static final String DELETE = "DELETE FROM sessions WHERE id = ?";

  /** Deletes every session of a user (user). */
  public static final String DELETE_OF_USER = "DELETE FROM sessions WHERE user_id = ?";

  /** Deletes the sessions expired at an instant (now). */
  public static final String DELETE_EXPIRED = "DELETE FROM sessions WHERE expires_at <= ?";

  /**
   * Maps a row of the session columns.
   *
   * @param rs the row
   * @return the session
   * @throws SQLException when a column cannot be read
   */
  public static Session row(ResultSet rs) throws SQLException {
    return Records.session(new SqliteColumns(rs));
  }
}
