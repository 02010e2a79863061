package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/**
 * The {@code channels} table over R2DBC: its statements, its column list (with the retention policy
 * of {@code channel_retention}) and its row mapping.
 */
public final class ChannelSql {

  /** The columns {@link #row} reads, over {@link #FROM}. */
  public static final String COLUMNS =
      "c.id, c.name, c.topic, c.kind, c.visibility, c.category, c.created_by, c.archived,"
          + " c.last_seq, c.created_at, c.updated_at, c.version, r.keep_seconds";

  /** A channel with its retention policy. */
  public static final String FROM =
      " FROM channels c LEFT JOIN channel_retention r ON r.channel_id = c.id";

  /**
   * Inserts a channel at version 1 with no messages if its creator exists (id, name, topic, kind,
   * visibility, category, creator, created = updated).
   */
  public static final String INSERT_IF_CREATOR_EXISTS =
      """
      INSERT INTO channels (id, name, topic, kind, visibility, category, created_by, archived,
                            last_seq, created_at, updated_at, version)
      SELECT $1, $2, $3, $4, $5, $6, $7, FALSE, 0, $8, $8, 1
       WHERE EXISTS (SELECT 1 FROM users WHERE id = $7)
      """;

  /** One channel by id. */
  public static final String SELECT_BY_ID = "SELECT " + COLUMNS + FROM + " WHERE c.id = $1";

  /** One channel by (lower-case) name. */
  public static final String SELECT_BY_NAME = "SELECT " + COLUMNS + FROM + " WHERE c.name = $1";

  /**
   * The id of a channel (id): with {@link Dialect#forUpdate}, the row lock that serialises the
   * membership writes of a channel, so that the last-owner rule holds under concurrency.
   */
  public static final String SELECT_ID = "SELECT id FROM channels WHERE id = $1";

  /** The version of a channel (id). */
  public static final String SELECT_VERSION = "SELECT version FROM channels WHERE id = $1";

  /** Whether a channel exists (id): a row or none. */
  public static final String EXISTS = "SELECT 1 FROM channels WHERE id = $1";

  /**
   * Replaces a channel's mutable fields if the version matches (id, version, name, topic,
   * visibility, category, now).
   */
  public static final String UPDATE_IF_VERSION =
      """
      UPDATE channels
         SET name = $3, topic = $4, visibility = $5, category = $6, updated_at = $7,
             version = version + 1
       WHERE id = $1 AND version = $2
      """;

  /** Sets the archived flag (id, archived, now); changes nothing when it is already so. */
  public static final String UPDATE_ARCHIVED =
      """
      UPDATE channels SET archived = $2, updated_at = $3, version = version + 1
       WHERE id = $1 AND archived <> $2
      """;

  /** Deletes a channel (id); memberships, messages and media go by ON DELETE CASCADE. */
  public static final String DELETE = "DELETE FROM channels WHERE id = $1";

  /** The first page of channels (limit). */
  public static final String SELECT_FIRST_PAGE =
      "SELECT " + COLUMNS + FROM + " ORDER BY c.name LIMIT $1";

  /** A page of channels after a name (after, limit). */
  public static final String SELECT_PAGE_AFTER =
      "SELECT " + COLUMNS + FROM + " WHERE c.name > $1 ORDER BY c.name LIMIT $2";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public ChannelSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the channel
   */
  public Channel row(Readable row) {
    return Records.channel(rows.columns(row));
  }
}
