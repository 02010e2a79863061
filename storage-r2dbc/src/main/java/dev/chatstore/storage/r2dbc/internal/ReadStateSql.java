package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/**
 * The read state of {@code memberships} over R2DBC (a member's {@code read_seq} against its
 * channel's {@code last_seq}): statements and the mapping of {@link UnreadCount}.
 */
public final class ReadStateSql {

  /** The read state of a membership, over {@link #FROM}. */
  private static final String COLUMNS = "m.channel_id, c.last_seq, m.read_seq";

  private static final String FROM =
      " FROM memberships m JOIN channels c ON c.id = m.channel_id WHERE ";

  /** A member's read state (channel, user). */
  public static final String SELECT =
      "SELECT " + COLUMNS + FROM + "m.channel_id = $1 AND m.user_id = $2";

  /** The read state of each channel a user is a member of (user). */
  public static final String SELECT_OF_USER =
      "SELECT " + COLUMNS + FROM + "m.user_id = $1 ORDER BY m.channel_id";

  /**
   * Moves a member's read position to {@code clamp(read_seq, $3, last_seq)} ({@link
   * dev.chatstore.storage.internal.AbstractReadStateStore#clamp}): forward only, never past the
   * channel's last position (channel, user, position). Completed by {@link Dialect#returning}.
   */
  public static final String ADVANCE_READ_SEQ =
      """
      UPDATE memberships
         SET read_seq = GREATEST(read_seq,
                                 LEAST($3, (SELECT c.last_seq FROM channels c WHERE c.id = $1)))
       WHERE channel_id = $1 AND user_id = $2
      """;

  /** The first page of the members who read a channel up to a position (channel, seq, limit). */
  public static final String SELECT_RECEIPTS_FIRST_PAGE =
      "SELECT "
          + MembershipSql.COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND read_seq >= $2 ORDER BY user_id LIMIT $3";

  /** A further page of read receipts (channel, seq, after user, limit). */
  public static final String SELECT_RECEIPTS_PAGE_AFTER =
      "SELECT "
          + MembershipSql.COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND read_seq >= $2 AND user_id > $3"
          + " ORDER BY user_id LIMIT $4";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public ReadStateSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of the read-state columns.
   *
   * @param row the row
   * @return the read state
   */
  public UnreadCount row(Readable row) {
    return Records.unread(rows.columns(row));
  }
}
