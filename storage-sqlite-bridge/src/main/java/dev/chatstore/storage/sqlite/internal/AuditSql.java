package dev.chatstore.storage.sqlite.internal;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code audit_log} table on SQLite: its statements, its column list and its row mapping. */
public final class AuditSql {

  private AuditSql() {}

  /** The columns {@link #row} reads, in the order {@link #values} binds them. */
  private static final String COLUMNS =
      "id, channel_id, actor_id, action, target_user_id, target_message_id, detail, at";

  /** Appends an entry ({@link #values}). */
  public static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

  /** A page of a channel's log before an id, newest first (channel, before or NULL, limit). */
  public static final String SELECT_BEFORE =
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE channel_id = ?1 AND (?2 IS NULL OR id < ?2)"
          + " ORDER BY id DESC LIMIT ?3";

  /**
   * The bound values of {@link #INSERT}.
   *
   * @param e the entry
   * @return the values
   */
  public static Object[] values(AuditEntry e) {
    return new Object[] {
      e.id(),
      e.channelId(),
      orNull(e.actorId()),
      e.action(),
      orNull(e.targetUserId()),
      orNull(e.targetMessageId()),
      e.detail(),
      e.at()
    };
  }

  /**
   * Maps a row of the audit columns.
   *
   * @param rs the row
   * @return the entry
   * @throws SQLException when a column cannot be read
   */
  public static AuditEntry row(ResultSet rs) throws SQLException {
    return Records.audit(new SqliteColumns(rs));
  }
}
