package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The read state of {@code memberships} on SQLite (a member's {@code read_seq} against its
 * channel's {@code last_seq}): statements and the by-name mapping of {@link UnreadCount}.
 */
public final class ReadStateSql {

  private ReadStateSql() {}

  /** The read state of a membership, over {@link #FROM}. */
  private static final String COLUMNS = "m.channel_id, c.last_seq, m.read_seq";

  private static final String FROM =
      " FROM memberships m JOIN channels c ON c.id = m.channel_id WHERE ";

  /** A member's read state (channel, user). */
  public static final String SELECT =
      "SELECT " + COLUMNS + FROM + "m.channel_id = ? AND m.user_id = ?";

  /** The read state of each channel a user is a member of (user). */
  public static final String SELECT_OF_USER =
      "SELECT " + COLUMNS + FROM + "m.user_id = ? ORDER BY m.channel_id";

  /** Moves a member's read position (position, channel, user). */
  public static final String UPDATE_READ_SEQ =
      "UPDATE memberships SET read_seq = ? WHERE channel_id = ? AND user_id = ?";

  /**
   * A page of the members who read a channel up to a position, after a user id (channel, position,
   * after user or empty text, limit); the membership columns in table order.
   */
  public static final String SELECT_RECEIPTS_AFTER =
      "SELECT "
          + MembershipSql.COLUMNS
          + " FROM memberships"
          + " WHERE channel_id = ? AND read_seq >= ? AND user_id > ? ORDER BY user_id LIMIT ?";

  /**
   * Maps a row of the read-state columns.
   *
   * @param rs the row
   * @return the read state
   * @throws SQLException when a column cannot be read
   */
  public static UnreadCount row(ResultSet rs) throws SQLException {
    return Records.unread(new SqliteColumns(rs));
  }
}
