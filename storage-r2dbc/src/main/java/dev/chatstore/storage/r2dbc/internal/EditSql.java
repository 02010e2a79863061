package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;

/** The {@code message_edits} table over R2DBC: its statements, columns and row mapping. */
public final class EditSql {

  /** The columns {@link #row} reads, in insert order. */
  private static final String COLUMNS = "message_id, version, body, edited_by, edited_at";

  /** Keeps a previous body (message, version, body, editor, time). */
  public static final String INSERT =
      "INSERT INTO message_edits (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)";

  /** A page of a message's previous bodies after a version (message, after, limit). */
  public static final String SELECT_AFTER =
      "SELECT "
          + COLUMNS
          + " FROM message_edits WHERE message_id = $1 AND version > $2 ORDER BY version LIMIT $3";

  /** Drops the edit history of a message (message). */
  public static final String DELETE_OF_MESSAGE = "DELETE FROM message_edits WHERE message_id = $1";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public EditSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * The values {@link #INSERT} binds.
   *
   * @param edit the entry
   * @return the values in marker order
   */
  public static Object[] values(MessageEdit edit) {
    return new Object[] {
      edit.messageId().value(),
      edit.version(),
      edit.body(),
      edit.editedBy().value(),
      edit.editedAt()
    };
  }

  /**
   * Maps a row of the edit columns.
   *
   * @param row the row
   * @return the entry
   */
  public MessageEdit row(Readable row) {
    return Records.edit(rows.columns(row));
  }
}
