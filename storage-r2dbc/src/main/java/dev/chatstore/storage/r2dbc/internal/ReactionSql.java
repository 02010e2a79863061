package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.internal.AbstractReactionStore.Count;
import io.r2dbc.spi.Readable;
import java.util.Objects;

/**
 * The {@code reactions} table over R2DBC: its statements and its row mapping. The insert that skips
 * an existing reaction differs by database and stays in {@link Dialect#insertReactionIfAbsent}.
 */
public final class ReactionSql {

  /**
   * The live message a reaction may be added to, and whether the user exists (message, user); to be
   * share-locked ({@link Dialect#forShare}) against a concurrent delete.
   */
  public static final String SELECT_LIVE_MESSAGE_AND_USER =
      "SELECT id, EXISTS (SELECT 1 FROM users u WHERE u.id = $2) AS user_exists"
          + " FROM messages WHERE id = $1 AND deleted_at IS NULL";

  /** Removes a reaction (message, user, emoji). */
  public static final String DELETE =
      "DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public ReactionSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * The reaction counts of several messages in one query, read by {@link #count}: binds the viewer
   * (or an id that matches nobody) as $1 and the messages as $2...$n+1.
   *
   * @param messages how many message ids, 1 or more
   * @return the statement
   */
  public static String selectCounts(int messages) {
    StringBuilder markers = new StringBuilder();
    for (int i = 0; i < messages; i++) {
      markers.append(i == 0 ? "" : ", ").append('$').append(i + 2);
    }
    return "SELECT message_id, emoji, COUNT(*) AS n,"
        + " MAX(CASE WHEN user_id = $1 THEN 1 ELSE 0 END) AS mine"
        + " FROM reactions WHERE message_id IN ("
        + markers
        + ") GROUP BY message_id, emoji";
  }

  /**
   * Maps a row of {@link #selectCounts}.
   *
   * @param row the row
   * @return the message and its summary of one emoji
   */
  public Count count(Readable row) {
    return new Count(
        MessageId.of(rows.uuid(row, "message_id")),
        new ReactionSummary(
            Rows.string(row, "emoji"),
            Rows.number(row, "n"),
            Objects.requireNonNull(row.get("mine", Number.class), "mine").intValue() > 0));
  }

  /**
   * Reads whether the user exists from a row of {@link #SELECT_LIVE_MESSAGE_AND_USER}.
   *
   * @param row the row
   * @return true when the user exists
   */
  public static boolean userExists(Readable row) {
    return Boolean.TRUE.equals(row.get("user_exists", Boolean.class));
  }
}
