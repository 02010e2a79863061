package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.MessageRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The {@code messages} table on SQLite (with the channel position it takes from {@code channels}):
 * its statements, its column list and its row mapping, which reads columns by name.
 */
public final class MessageSql {

  private MessageSql() {}

  /** The columns of the {@code messages} table, in insert order. */
  private static final String COLUMNS =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at,"
          + " deleted_at, version";

  /** A message with its thread counters ({@link ThreadSql}); column names do not overlap. */
  private static final String SELECT =
      "SELECT "
          + COLUMNS
          + ", COALESCE(reply_count, 0) AS reply_count, last_reply_at FROM messages"
          + " LEFT JOIN message_threads ON message_id = id";

  /**
   * Inserts a message at version 1 (id, channel, seq, author, body, parent, client transaction id,
   * created-at, request fingerprint).
   */
  public static final String INSERT =
      "INSERT INTO messages ("
          + COLUMNS
          + ", request_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 1, ?)";

  /** One message by id (id). */
  public static final String SELECT_BY_ID = SELECT + " WHERE id = ?";

  /**
   * The message an author stored under an idempotency key, with its request fingerprint (author,
   * key); read with {@link #keyed}.
   */
  public static final String SELECT_BY_CLIENT_TXN =
      "SELECT "
          + COLUMNS
          + ", request_fingerprint, COALESCE(reply_count, 0) AS reply_count, last_reply_at"
          + " FROM messages LEFT JOIN message_threads ON message_id = id"
          + " WHERE author_id = ? AND client_txn_id = ?";

  /** The channel of a message (id). */
  public static final String SELECT_CHANNEL_OF = "SELECT channel_id FROM messages WHERE id = ?";

  /** The channel and parent of a message, to purge it (id). */
  public static final String SELECT_PLACE_OF =
      "SELECT channel_id, parent_id FROM messages WHERE id = ?";

  /** Takes the next position of a channel (channel); no row when the channel is missing. */
  public static final String NEXT_SEQ =
      "UPDATE channels SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq";

  /** The last position of a channel (channel). */
  public static final String SELECT_LAST_SEQ = "SELECT last_seq FROM channels WHERE id = ?";

  /** Replaces a body (body, edited-at, id). */
  public static final String UPDATE_BODY =
      "UPDATE messages SET body = ?, edited_at = ?, version = version + 1 WHERE id = ?";

  /** Turns a live message into its tombstone (deleted-at, id); changes nothing for a tombstone. */
  public static final String TOMBSTONE =
      "UPDATE messages SET body = '', deleted_at = ?, version = version + 1"
          + " WHERE id = ? AND deleted_at IS NULL";

  /** Removes a message for good (id). */
  public static final String DELETE = "DELETE FROM messages WHERE id = ?";

  /** A page forward (channel, after, include tombstones 0/1, limit). */
  public static final String SELECT_PAGE_AFTER =
      SELECT
          + " WHERE channel_id = ? AND seq > ? AND (? = 1 OR deleted_at IS NULL)"
          + " ORDER BY seq ASC LIMIT ?";

  /** A page backward (channel, before, include tombstones 0/1, limit). */
  public static final String SELECT_PAGE_BEFORE =
      SELECT
          + " WHERE channel_id = ? AND seq < ? AND (? = 1 OR deleted_at IS NULL)"
          + " ORDER BY seq DESC LIMIT ?";

  /** The live replies to a message after a position, ascending (parent, after, limit). */
  public static final String SELECT_REPLIES_AFTER =
      SELECT + " WHERE parent_id = ? AND seq > ? AND deleted_at IS NULL ORDER BY seq ASC LIMIT ?";

  /**
   * Maps a row of {@link #SELECT_BY_CLIENT_TXN}: the message and its request fingerprint.
   *
   * @param rs the row
   * @return the message under the key
   * @throws SQLException when a column cannot be read
   */
  public static MessageRules.Keyed keyed(ResultSet rs) throws SQLException {
    return new MessageRules.Keyed(row(rs), Columns.optionalString(rs, "request_fingerprint"));
  }

  /**
   * Maps a row of a message with its thread counters, by column name.
   *
   * @param rs the row
   * @return the message
   * @throws SQLException when a column cannot be read
   */
  public static Message row(ResultSet rs) throws SQLException {
    UUID parent = Columns.optionalUuid(rs, "parent_id");
    return new Message(
        MessageId.of(Columns.uuid(rs, "id")),
        ChannelId.of(Columns.uuid(rs, "channel_id")),
        Columns.number(rs, "seq"),
        UserId.of(Columns.uuid(rs, "author_id")),
        Columns.string(rs, "body"),
        parent == null ? null : MessageId.of(parent),
        Columns.optionalString(rs, "client_txn_id"),
        Columns.instant(rs, "created_at"),
        Columns.optionalInstant(rs, "edited_at"),
        Columns.optionalInstant(rs, "deleted_at"),
        Columns.number(rs, "version"),
        Columns.number(rs, "reply_count"),
        Columns.optionalInstant(rs, "last_reply_at"));
  }
}
