package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Session;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/** The {@code sessions} table over R2DBC: its statements, its column list and its row mapping. */
public final class SessionSql {

  /** The columns {@link #row} reads. */
  public static final String COLUMNS =
      "id, user_id, token_hash, created_at, last_seen_at, expires_at";

  /** Inserts a session (id, user, hash, created = last seen, expires) if its user exists. */
  public static final String INSERT_IF_USER_EXISTS =
      "INSERT INTO sessions ("
          + COLUMNS
          + ") SELECT $1, $2, $3, $4, $4, $5 WHERE EXISTS (SELECT 1 FROM users WHERE id = $2)";

  /** The unexpired session of a token hash (hash, now). */
  public static final String SELECT_VALID =
      "SELECT " + COLUMNS + " FROM sessions WHERE token_hash = $1 AND expires_at > $2";

  /** Records a use of an unexpired session (id, now, expires); completed by a RETURNING. */
  public static final String TOUCH_VALID =
      "UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1 AND expires_at > $2";

  /** Deletes a session (id). */
  public static final String DELETE = "DELETE FROM sessions WHERE id = $1";

  /** Deletes every session of a user (user). */
  public static final String DELETE_OF_USER = "DELETE FROM sessions WHERE user_id = $1";

  /** Deletes the sessions expired at an instant (now). */
  public static final String DELETE_EXPIRED = "DELETE FROM sessions WHERE expires_at <= $1";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public SessionSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the session
   */
  public Session row(Readable row) {
    return Records.session(rows.columns(row));
  }
}
