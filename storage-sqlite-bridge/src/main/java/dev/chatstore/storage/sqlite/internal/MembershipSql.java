package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.internal.MemberState;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code memberships} table on SQLite: its statements, its column list and its row mapping. */
public final class MembershipSql {

  private MembershipSql() {}

  /** The columns {@link #row} reads. */
  public static final String COLUMNS = "channel_id, user_id, role, read_seq, joined_at";

  /**
   * Adds a member, or changes an existing member's role keeping the read position (channel, user,
   * role, joined-at); returns the row.
   */
  public static final String UPSERT =
      "INSERT INTO memberships ("
          + COLUMNS
          + ") VALUES (?, ?, ?, 0, ?)"
          + " ON CONFLICT (channel_id, user_id) DO UPDATE SET role = excluded.role RETURNING "
          + COLUMNS;

  /** One membership (channel, user). */
  public static final String SELECT =
      "SELECT " + COLUMNS + " FROM memberships WHERE channel_id = ? AND user_id = ?";

  /**
   * What a membership write decides on (channel, user, the owner role): see {@link #state}. Read on
   * the single writer, so nothing changes between it and the write.
   */
  public static final String SELECT_STATE =
      """
      SELECT EXISTS (SELECT 1 FROM channels WHERE id = ?1) AS channel_exists,
             EXISTS (SELECT 1 FROM users WHERE id = ?2) AS user_exists,
             (SELECT role FROM memberships WHERE channel_id = ?1 AND user_id = ?2) AS role,
             (SELECT count(*) FROM memberships WHERE channel_id = ?1 AND role = ?3) AS owners
      """;

  /** Removes a member (channel, user). */
  public static final String DELETE =
      "DELETE FROM memberships WHERE channel_id = ? AND user_id = ?";

  /** A page of a channel's members after a user id (channel, after or empty, limit). */
  public static final String SELECT_MEMBERS_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM memberships WHERE channel_id = ? AND user_id > ? ORDER BY user_id LIMIT ?";

  /** A page of a user's memberships after a channel id (user, after or empty, limit). */
  public static final String SELECT_MEMBERSHIPS_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM memberships WHERE user_id = ? AND channel_id > ? ORDER BY channel_id LIMIT ?";

  /**
   * Maps a row of the membership columns.
   *
   * @param rs the row
   * @return the membership
   * @throws SQLException when a column cannot be read
   */
  public static Membership row(ResultSet rs) throws SQLException {
    return Records.membership(new SqliteColumns(rs));
  }

  /**
   * Maps the row of {@link #SELECT_STATE}.
   *
   * @param rs the row
   * @return the state
   * @throws SQLException when a column cannot be read
   */
  public static MemberState state(ResultSet rs) throws SQLException {
    String role = Columns.optionalString(rs, "role");
    return new MemberState(
        Columns.number(rs, "channel_exists") != 0,
        Columns.number(rs, "user_exists") != 0,
        role == null ? null : Role.valueOf(role),
        Columns.number(rs, "owners"));
  }
}
