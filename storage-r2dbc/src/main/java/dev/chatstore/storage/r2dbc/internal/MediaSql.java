package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/** The {@code media} table over R2DBC: its statements, its column list and its row mapping. */
public final class MediaSql {

  /** The columns {@link #row} reads, in the order {@link #INSERT} binds them. */
  public static final String COLUMNS =
      "id, filename, content_type, size_bytes, sha256, description, uploader_id, channel_id,"
          + " created_at";

  /** Whether the uploader exists (user): media have no foreign key on it, they outlive users. */
  public static final String UPLOADER_EXISTS = "SELECT 1 FROM users WHERE id = $1";

  /**
   * Whether the channel exists (channel). A delete that slips in before the insert fails the insert
   * on its foreign key.
   */
  public static final String CHANNEL_EXISTS = "SELECT 1 FROM channels WHERE id = $1";

  /** Inserts an item (the columns in order). */
  public static final String INSERT =
      "INSERT INTO media (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

  /** One item (id). */
  public static final String SELECT = "SELECT " + COLUMNS + " FROM media WHERE id = $1";

  /** The first page of a channel's media (channel, limit). */
  public static final String SELECT_OF_CHANNEL =
      "SELECT " + COLUMNS + " FROM media WHERE channel_id = $1 ORDER BY id LIMIT $2";

  /** A page of a channel's media after an id (channel, after, limit). */
  public static final String SELECT_OF_CHANNEL_AFTER =
      "SELECT " + COLUMNS + " FROM media WHERE channel_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  /** The first page of an uploader's media (uploader, limit). */
  public static final String SELECT_OF_UPLOADER =
      "SELECT " + COLUMNS + " FROM media WHERE uploader_id = $1 ORDER BY id LIMIT $2";

  /** A page of an uploader's media after an id (uploader, after, limit). */
  public static final String SELECT_OF_UPLOADER_AFTER =
      "SELECT " + COLUMNS + " FROM media WHERE uploader_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  /** Deletes an item (id). */
  public static final String DELETE = "DELETE FROM media WHERE id = $1";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public MediaSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the item
   */
  public MediaItem row(Readable row) {
    return Records.media(rows.columns(row));
  }
}
