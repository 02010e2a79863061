package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.internal.MemberState;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/**
 * The {@code memberships} table over R2DBC: its statements, its column list and its row mapping.
 * The upsert differs between the databases: {@link Dialect#upsertMembership}.
 */
public final class MembershipSql {

  /** The columns {@link #row} reads. */
  public static final String COLUMNS = "channel_id, user_id, role, read_seq, joined_at";

  /** Inserts a membership at read position 0 (channel, user, role, joined-at). */
  public static final String INSERT =
      "INSERT INTO memberships (" + COLUMNS + ") VALUES ($1, $2, $3, 0, $4)";

  /** One membership (channel, user). */
  public static final String SELECT =
      "SELECT " + COLUMNS + " FROM memberships WHERE channel_id = $1 AND user_id = $2";

  /**
   * What a membership write decides on (channel, user, the owner role): see {@link #state}. Read
   * under the channel's row lock ({@link ChannelSql#SELECT_ID}), so that in READ COMMITTED it sees
   * every membership write that held the lock before.
   */
  public static final String SELECT_STATE =
      """
      SELECT (SELECT count(*) FROM channels WHERE id = $1) AS channel_count,
             (SELECT count(*) FROM users WHERE id = $2) AS user_count,
             (SELECT role FROM memberships WHERE channel_id = $1 AND user_id = $2) AS role,
             (SELECT count(*) FROM memberships WHERE channel_id = $1 AND role = $3) AS owners
      """;

  /** Removes a member (channel, user). */
  public static final String DELETE =
      "DELETE FROM memberships WHERE channel_id = $1 AND user_id = $2";

  /** The first page of a channel's members (channel, limit). */
  public static final String SELECT_MEMBERS_FIRST_PAGE =
      "SELECT " + COLUMNS + " FROM memberships WHERE channel_id = $1 ORDER BY user_id LIMIT $2";

  /** A page of a channel's members after a user id (channel, after, limit). */
  public static final String SELECT_MEMBERS_PAGE_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3";

  /** The first page of a user's memberships (user, limit). */
  public static final String SELECT_MEMBERSHIPS_FIRST_PAGE =
      "SELECT " + COLUMNS + " FROM memberships WHERE user_id = $1 ORDER BY channel_id LIMIT $2";

  /** A page of a user's memberships after a channel id (user, after, limit). */
  public static final String SELECT_MEMBERSHIPS_PAGE_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM memberships WHERE user_id = $1 AND channel_id > $2 ORDER BY channel_id"
          + " LIMIT $3";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public MembershipSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the membership
   */
  public Membership row(Readable row) {
    return Records.membership(rows.columns(row));
  }

  /**
   * Maps the row of {@link #SELECT_STATE}.
   *
   * @param row the row
   * @return the state
   */
  public static MemberState state(Readable row) {
    String role = row.get("role", String.class);
    return new MemberState(
        Rows.number(row, "channel_count") > 0,
        Rows.number(row, "user_count") > 0,
        role == null ? null : Role.valueOf(role),
        Rows.number(row, "owners"));
  }
}
