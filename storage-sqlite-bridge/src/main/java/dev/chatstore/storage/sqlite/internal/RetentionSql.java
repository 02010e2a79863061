package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.AbstractRetentionStore.Policy;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code channel_retention} table on SQLite, and the retention batch's read of {@code
 * messages}: statements and row mapping.
 */
public final class RetentionSql {

  private RetentionSql() {}

  /** Whether a channel exists (channel). */
  public static final String CHANNEL_EXISTS = "SELECT 1 FROM channels WHERE id = ?1";

  /** Sets a channel's retention (channel, seconds). */
  public static final String UPSERT =
      "INSERT INTO channel_retention (channel_id, keep_seconds) VALUES (?1, ?2)"
          + " ON CONFLICT (channel_id) DO UPDATE SET keep_seconds = excluded.keep_seconds";

  /** Clears a channel's retention (channel). */
  public static final String DELETE = "DELETE FROM channel_retention WHERE channel_id = ?1";

  /**
   * A page of the policies after a channel id, "" for the first (after, limit). Read by {@link
   * #policy}.
   */
  public static final String SELECT_POLICIES_AFTER =
      "SELECT channel_id, keep_seconds FROM channel_retention WHERE channel_id > ?1"
          + " ORDER BY channel_id LIMIT ?2";

  /**
   * The next batch of expired messages of a channel: after a position, posted before a time
   * (channel, after, cutoff, limit).
   */
  public static final String SELECT_EXPIRED_BATCH =
      "SELECT id, seq FROM messages WHERE channel_id = ?1 AND seq > ?2 AND created_at < ?3"
          + " ORDER BY seq LIMIT ?4";

  /**
   * Maps a row of {@link #SELECT_POLICIES_AFTER}.
   *
   * @param rs the row
   * @return the policy
   * @throws SQLException when a column cannot be read
   */
  public static Policy policy(ResultSet rs) throws SQLException {
    return new Policy(
        ChannelId.of(Columns.uuid(rs, "channel_id")), Columns.number(rs, "keep_seconds"));
  }
}
