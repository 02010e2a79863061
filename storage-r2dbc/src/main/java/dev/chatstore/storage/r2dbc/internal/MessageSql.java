package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.MessageRules;
import io.r2dbc.spi.Readable;
import java.util.UUID;

/**
 * The {@code messages} table over R2DBC (with the channel position it takes from {@code channels}):
 * its statements, its column list and its row mapping. Statements whose syntax differs between
 * PostgreSQL and H2 are completed by the {@link Dialect}.
 */
public final class MessageSql {

  /** The columns of a message with its thread counters, over {@link #FROM}. */
  public static final String COLUMNS =
      "m.id, m.channel_id, m.seq, m.author_id, m.body, m.parent_id, m.client_txn_id, m.created_at,"
          + " m.edited_at, m.deleted_at, m.version, COALESCE(t.reply_count, 0) AS reply_count,"
          + " t.last_reply_at";

  /** A message with its thread counters. */
  public static final String FROM =
      " FROM messages m LEFT JOIN message_threads t ON t.message_id = m.id";

  private static final String SELECT = "SELECT " + COLUMNS + FROM;

  /** The columns a post writes, in the order {@link Dialect#appendMessage} binds them. */
  private static final String INSERTED =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, version,"
          + " request_fingerprint";

  /**
   * H2: inserts a message at a position taken before: binds id, channel, seq, author, body, parent,
   * client transaction id, created-at, request fingerprint.
   */
  public static final String INSERT =
      "INSERT INTO messages (" + INSERTED + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)";

  /**
   * Takes the next position of a channel under its row lock, held until the posting transaction
   * ends: positions are gap-free and commit in order. Completed by {@link Dialect#returning}.
   */
  public static final String INCREMENT_CHANNEL_SEQ =
      "UPDATE channels SET last_seq = last_seq + 1 WHERE id = $1";

  /**
   * PostgreSQL: a post in one statement (one round trip, its own transaction when not inside one):
   * takes the channel's next position under its row lock and inserts the message there. No row when
   * the channel does not exist. Binds id, channel, author, body, parent, client transaction id,
   * created-at, request fingerprint. Followers are woken after the commit ({@link PgNotifier}),
   * never by a NOTIFY inside the transaction (which would serialise every commit on PostgreSQL's
   * notification queue lock).
   */
  public static final String APPEND =
      "WITH next AS (UPDATE channels SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)"
          + " INSERT INTO messages ("
          + INSERTED
          + ") SELECT $1, $2, next.last_seq, $3, $4, $5, $6, $7, 1, $8 FROM next RETURNING seq";

  /** The last position of a channel (channel). */
  public static final String SELECT_LAST_SEQ = "SELECT last_seq FROM channels WHERE id = $1";

  /** One message by id (id). */
  public static final String SELECT_BY_ID = SELECT + " WHERE m.id = $1";

  /**
   * The message an author stored under an idempotency key, with its request fingerprint (author,
   * key); read with {@link #keyed}.
   */
  public static final String SELECT_BY_CLIENT_TXN =
      "SELECT "
          + COLUMNS
          + ", m.request_fingerprint"
          + FROM
          + " WHERE m.author_id = $1 AND m.client_txn_id = $2";

  /** The channel of a message (id). */
  public static final String SELECT_CHANNEL_OF = "SELECT channel_id FROM messages WHERE id = $1";

  /** The channel and parent of a message, to purge it (id). */
  public static final String SELECT_PLACE_OF =
      "SELECT channel_id, parent_id FROM messages WHERE id = $1";

  /** The state an edit checks (id); locked by {@link Dialect#forUpdate}. */
  public static final String SELECT_FOR_EDIT =
      "SELECT author_id, body, version, deleted_at FROM messages WHERE id = $1";

  /** Replaces a body (id, body, edited-at). */
  public static final String UPDATE_BODY =
      "UPDATE messages SET body = $2, edited_at = $3, version = version + 1 WHERE id = $1";

  /** Turns a live message into its tombstone (id, deleted-at); changes nothing for a tombstone. */
  public static final String TOMBSTONE =
      "UPDATE messages SET body = '', deleted_at = $2, version = version + 1"
          + " WHERE id = $1 AND deleted_at IS NULL";

  /** Removes a message; reactions, edit history and thread counters go by ON DELETE CASCADE. */
  public static final String PURGE = "DELETE FROM messages WHERE id = $1";

  /** Keyset page forward (channel, after, include tombstones, limit). */
  public static final String SELECT_PAGE_AFTER =
      SELECT
          + " WHERE m.channel_id = $1 AND m.seq > $2 AND (m.deleted_at IS NULL OR $3)"
          + " ORDER BY m.seq LIMIT $4";

  /** Keyset page backward (channel, before, include tombstones, limit). */
  public static final String SELECT_PAGE_BEFORE =
      SELECT
          + " WHERE m.channel_id = $1 AND m.seq < $2 AND (m.deleted_at IS NULL OR $3)"
          + " ORDER BY m.seq DESC LIMIT $4";

  /** Stream and follow pages forward, tombstones skipped (channel, after, limit). */
  public static final String SELECT_LIVE_AFTER =
      SELECT
          + " WHERE m.channel_id = $1 AND m.seq > $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq LIMIT $3";

  /** Stream pages backward, tombstones skipped (channel, before, limit). */
  public static final String SELECT_LIVE_BEFORE =
      SELECT
          + " WHERE m.channel_id = $1 AND m.seq < $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq DESC LIMIT $3";

  /** Live replies of a root by position (parent, after, limit; index ix_messages_parent). */
  public static final String SELECT_REPLIES_AFTER =
      SELECT
          + " WHERE m.parent_id = $1 AND m.seq > $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq LIMIT $3";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public MessageSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #SELECT_BY_CLIENT_TXN}: the message and its request fingerprint.
   *
   * @param row the row
   * @return the message under the key
   */
  public MessageRules.Keyed keyed(Readable row) {
    return new MessageRules.Keyed(this.row(row), row.get("request_fingerprint", String.class));
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the message
   */
  public Message row(Readable row) {
    UUID parent = rows.optionalUuid(row, "parent_id");
    return new Message(
        MessageId.of(rows.uuid(row, "id")),
        ChannelId.of(rows.uuid(row, "channel_id")),
        Rows.number(row, "seq"),
        UserId.of(rows.uuid(row, "author_id")),
        Rows.string(row, "body"),
        parent == null ? null : MessageId.of(parent),
        row.get("client_txn_id", String.class),
        rows.instant(row, "created_at"),
        rows.optionalInstant(row, "edited_at"),
        rows.optionalInstant(row, "deleted_at"),
        Rows.number(row, "version"),
        Rows.number(row, "reply_count"),
        rows.optionalInstant(row, "last_reply_at"));
  }

  /**
   * Maps a row of {@link #SELECT_FOR_EDIT}.
   *
   * @param row the row
   * @return the state an edit checks
   */
  public MessageRules.EditState editState(Readable row) {
    return new MessageRules.EditState(
        UserId.of(rows.uuid(row, "author_id")),
        Rows.string(row, "body"),
        Rows.number(row, "version"),
        row.get("deleted_at") != null);
  }
}
