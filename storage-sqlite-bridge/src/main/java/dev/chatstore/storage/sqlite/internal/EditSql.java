package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code message_edits} table on SQLite: its statements, columns and by-name row mapping. */
public final class EditSql {

  private EditSql() {}

  /** The columns {@link #row} reads, in insert order. */
  private static final String COLUMNS = "message_id, version, body, edited_by, edited_at";

  /** Keeps a previous body (message, version, body, editor, time). */
  public static final String INSERT =
      "INSERT INTO message_edits (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";

  /** A page of a message's previous bodies after a version (message, after, limit). */
  public static final String SELECT_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM message_edits WHERE message_id = ? AND version > ? ORDER BY version LIMIT ?";

  /** Drops the edit history of a message (message). */
  public static final String DELETE_OF_MESSAGE = "DELETE FROM message_edits WHERE message_id = ?";

  /**
   * The values {@link #INSERT} binds.
   *
   * @param edit the entry
   * @return the values in marker order
   */
  public static Object[] values(MessageEdit edit) {
    return new Object[] {
      edit.messageId(), edit.version(), edit.body(), edit.editedBy(), edit.editedAt()
    };
  }

  /**
   * Maps a row of the edit columns.
   *
   * @param rs the row
   * @return the entry
   * @throws SQLException when a column cannot be read
   */
  public static MessageEdit row(ResultSet rs) throws SQLException {
    return Records.edit(new SqliteColumns(rs));
  }
}
