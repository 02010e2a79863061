package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code channels} table on SQLite: its statements, its column list (with the retention policy
 * of {@code channel_retention}) and its row mapping.
 */
public final class ChannelSql {

  private ChannelSql() {}

  /** The columns {@link #row} reads. */
  private static final String COLUMNS =
      "id, name, topic, kind, visibility, category, created_by, archived, last_seq, created_at,"
          + " updated_at, version,"
          + " (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)"
          + " AS keep_seconds";

  /**
   * Inserts a channel at version 1 with no messages if its creator exists (id, name, topic, kind,
   * visibility, category, creator, created = updated).
   */
  public static final String INSERT_IF_CREATOR_EXISTS =
      """
      INSERT INTO channels (id, name, topic, kind, visibility, category, created_by, archived,
                            last_seq, created_at, updated_at, version)
      SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, ?8, ?8, 1
       WHERE EXISTS (SELECT 1 FROM users WHERE id = ?7)
      """;

  /** One channel by id. */
  public static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM channels WHERE id = ?";

  /** One channel by (lower-case) name. */
  public static final String SELECT_BY_NAME = "SELECT " + COLUMNS + " FROM channels WHERE name = ?";

  /**
   * Replaces a channel's mutable fields if the version matches (name, topic, visibility, category,
   * now, id, version); returns the new row.
   */
  public static final String UPDATE_IF_VERSION =
      """
      UPDATE channels
         SET name = ?, topic = ?, visibility = ?, category = ?, updated_at = ?,
             version = version + 1
       WHERE id = ? AND version = ?
      RETURNING\s"""
          + COLUMNS;

  /** The version of a channel (id). */
  public static final String SELECT_VERSION = "SELECT version FROM channels WHERE id = ?";

  /**
   * Sets the archived flag when it differs (archived, now, id); returns the changed row, none when
   * unchanged.
   */
  public static final String UPDATE_ARCHIVED =
      "UPDATE channels SET archived = ?1, updated_at = ?2, version = version + 1"
          + " WHERE id = ?3 AND archived <> ?1 RETURNING "
          + COLUMNS;

  /** Whether a channel exists (id): a row or none. */
  public static final String EXISTS = "SELECT 1 FROM channels WHERE id = ?";

  /** Deletes a channel (id); memberships, messages and media go by ON DELETE CASCADE. */
  public static final String DELETE = "DELETE FROM channels WHERE id = ?";

  /** A page of channels after a name (after, or empty for the first page; limit). */
  public static final String SELECT_AFTER =
      "SELECT " + COLUMNS + " FROM channels WHERE name > ? ORDER BY name LIMIT ?";

  /**
   * Maps a row of the channel columns.
   *
   * @param rs the row
   * @return the channel
   * @throws SQLException when a column cannot be read
   */
  public static Channel row(ResultSet rs) throws SQLException {
    return Records.channel(new SqliteColumns(rs));
  }
}
