package dev.chatstore.storage.r2dbc.internal;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;
import java.util.UUID;

/** The {@code audit_log} table over R2DBC: its statements, its column list and its row mapping. */
public final class AuditSql {

  /** The columns {@link #row} reads, in the order {@link #values} binds them. */
  public static final String COLUMNS =
      "id, channel_id, actor_id, action, target_user_id, target_message_id, detail, at";

  /** Appends an entry ({@link #values}). */
  public static final String INSERT =
      "INSERT INTO audit_log (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

  /** The newest page of a channel's log (channel, limit). */
  public static final String SELECT_FIRST_PAGE =
      "SELECT " + COLUMNS + " FROM audit_log WHERE channel_id = $1 ORDER BY id DESC LIMIT $2";

  /** A page of a channel's log before an id, newest first (channel, before, limit). */
  public static final String SELECT_PAGE_BEFORE =
      "SELECT "
          + COLUMNS
          + " FROM audit_log WHERE channel_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public AuditSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * The bound values of {@link #INSERT}.
   *
   * @param e the entry
   * @return the values
   */
  public static Object[] values(AuditEntry e) {
    return new Object[] {
      e.id().value(),
      e.channelId().value(),
      orNull(e.actorId() == null ? null : e.actorId().value(), UUID.class),
      e.action().name(),
      orNull(e.targetUserId() == null ? null : e.targetUserId().value(), UUID.class),
      orNull(e.targetMessageId() == null ? null : e.targetMessageId().value(), UUID.class),
      e.detail(),
      e.at()
    };
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the entry
   */
  public AuditEntry row(Readable row) {
    return Records.audit(rows.columns(row));
  }
}
