package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code media} table on SQLite: its statements, its column list and its row mapping. */
public final class MediaSql {

  private MediaSql() {}

  /** The columns {@link #row} reads. */
  private static final String COLUMNS =
      "id, filename, content_type, size_bytes, sha256, description, uploader_id, channel_id,"
          + " created_at";

  /** Whether the uploader exists (user): media have no foreign key on it, they outlive users. */
  public static final String UPLOADER_EXISTS = "SELECT 1 FROM users WHERE id = ?1";

  /** Whether the channel exists (channel). */
  public static final String CHANNEL_EXISTS = "SELECT 1 FROM channels WHERE id = ?1";

  /** Inserts an item (the columns in order). */
  public static final String INSERT =
      "INSERT INTO media (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

  /** One item (id). */
  public static final String SELECT = "SELECT " + COLUMNS + " FROM media WHERE id = ?1";

  /** A page of a channel's media after an id (channel, after, limit). */
  public static final String SELECT_OF_CHANNEL_AFTER =
      "SELECT " + COLUMNS + " FROM media WHERE channel_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";

  /** A page of an uploader's media after an id (uploader, after, limit). */
  public static final String SELECT_OF_UPLOADER_AFTER =
      "SELECT " + COLUMNS + " FROM media WHERE uploader_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";

  /** Deletes an item (id). */
  public static final String DELETE = "DELETE FROM media WHERE id = ?1";

  /**
   * Maps a row of the media columns.
   *
   * @param rs the row
   * @return the item
   * @throws SQLException when a column cannot be read
   */
  public static MediaItem row(ResultSet rs) throws SQLException {
    return Records.media(new SqliteColumns(rs));
  }
}
