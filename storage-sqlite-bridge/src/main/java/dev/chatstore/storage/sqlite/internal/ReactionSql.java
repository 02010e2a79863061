package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.internal.AbstractReactionStore.Count;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code reactions} table on SQLite: its statements and its row mapping. */
public final class ReactionSql {

  private ReactionSql() {}

  /** Whether a message exists and is not deleted (message). */
  public static final String LIVE_MESSAGE_EXISTS =
      "SELECT 1 FROM messages WHERE id = ?1 AND deleted_at IS NULL";

  /** Whether a user exists (user). */
  public static final String USER_EXISTS = "SELECT 1 FROM users WHERE id = ?1";

  /** Adds a reaction unless it exists (message, user, emoji, created-at). */
  public static final String INSERT_IF_ABSENT =
      "INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?1, ?2, ?3, ?4)"
          + " ON CONFLICT (message_id, user_id, emoji) DO NOTHING";

  /** Removes a reaction (message, user, emoji). */
  public static final String DELETE =
      "DELETE FROM reactions WHERE message_id = ?1 AND user_id = ?2 AND emoji = ?3";

  /**
   * The reaction counts of several messages (viewer or NULL, the ids as one JSON array), with
   * whether the viewer reacted: one query for a whole page. Read by {@link #count}.
   */
  public static final String SELECT_COUNTS =
      "SELECT message_id, emoji, COUNT(*) AS n, MAX(user_id = ?1) AS mine FROM reactions"
          + " WHERE message_id IN (SELECT value FROM json_each(?2)) GROUP BY message_id, emoji";

  /**
   * Maps a row of {@link #SELECT_COUNTS}.
   *
   * @param rs the row
   * @return the message and its summary of one emoji
   * @throws SQLException when a column cannot be read
   */
  public static Count count(ResultSet rs) throws SQLException {
    return new Count(
        MessageId.of(Columns.uuid(rs, "message_id")),
        new ReactionSummary(
            Columns.string(rs, "emoji"), Columns.number(rs, "n"), Columns.number(rs, "mine") == 1));
  }
}
