package dev.chatstore.storage.sqlite.internal;

/**
 * Every SQL statement of the bridge, named by intent. Values are always bound, never concatenated.
 * UUIDs are canonical lower-case text, instants integer microseconds since the epoch, booleans 0 or
 * 1. Keyset pages use an empty string as "before every key" (keys are never empty).
 */
public final class SqliteSql {

  private SqliteSql() {}

  // ---- channels

  /** Takes the next position of a channel; returns it (no row when the channel is missing). */
  public static final String NEXT_SEQ =
      """
      UPDATE channels SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq
      """;

  /** The last position of a channel. */
  public static final String SELECT_LAST_SEQ =
      """
      SELECT last_seq FROM channels WHERE id = ?
      """;

  // ---- memberships

  /** A member's read position with the channel's last position. */
  public static final String SELECT_READ_STATE =
      """
      SELECT m.read_seq, c.last_seq
        FROM memberships m JOIN channels c ON c.id = m.channel_id
       WHERE m.channel_id = ? AND m.user_id = ?
      """;

  /** Moves a member's read position. */
  public static final String UPDATE_READ_SEQ =
      """
      UPDATE memberships SET read_seq = ? WHERE channel_id = ? AND user_id = ?
      """;

  // ---- messages

  /** Inserts a message at version 1. */
  public static final String INSERT_MESSAGE =
      """
      INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,
                            created_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
      """;

  /** One message by id. */
  public static final String SELECT_MESSAGE_BY_ID =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version, COALESCE(reply_count, 0), last_reply_at
        FROM messages LEFT JOIN message_threads ON message_threads.message_id = messages.id
       WHERE id = ?
      """;

  /** The message an author stored under an idempotency key. */
  public static final String SELECT_MESSAGE_BY_TXN =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version, COALESCE(reply_count, 0), last_reply_at
        FROM messages LEFT JOIN message_threads ON message_threads.message_id = messages.id
       WHERE author_id = ? AND client_txn_id = ?
      """;

  /** The channel of a message. */
  public static final String SELECT_MESSAGE_CHANNEL =
      """
      SELECT channel_id FROM messages WHERE id = ?
      """;

  /** Replaces a body; returns the new row. */
  public static final String UPDATE_MESSAGE_BODY =
      """
      UPDATE messages SET body = ?, edited_at = ?, version = version + 1
       WHERE id = ?
      RETURNING id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
                edited_at, deleted_at, version,
                COALESCE((SELECT reply_count FROM message_threads WHERE message_id = messages.id), 0),
                (SELECT last_reply_at FROM message_threads WHERE message_id = messages.id)
      """;

  /** Turns a message into its tombstone; returns the new row. */
  public static final String UPDATE_MESSAGE_TOMBSTONE =
      """
      UPDATE messages SET body = '', deleted_at = ?, version = version + 1
       WHERE id = ? AND deleted_at IS NULL
      RETURNING id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
                edited_at, deleted_at, version,
                COALESCE((SELECT reply_count FROM message_threads WHERE message_id = messages.id), 0),
                (SELECT last_reply_at FROM message_threads WHERE message_id = messages.id)
      """;

  /** Removes a message for good. */
  public static final String DELETE_MESSAGE =
      """
      DELETE FROM messages WHERE id = ?
      """;

  /** A page forward: positions after a position, ascending; tombstones only when asked (1). */
  public static final String SELECT_PAGE_AFTER =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version, COALESCE(reply_count, 0), last_reply_at
        FROM messages LEFT JOIN message_threads ON message_threads.message_id = messages.id
       WHERE channel_id = ? AND seq > ? AND (? = 1 OR deleted_at IS NULL)
       ORDER BY seq ASC
       LIMIT ?
      """;

  /** A page backward: positions before a position, descending; tombstones only when asked (1). */
  public static final String SELECT_PAGE_BEFORE =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version, COALESCE(reply_count, 0), last_reply_at
        FROM messages LEFT JOIN message_threads ON message_threads.message_id = messages.id
       WHERE channel_id = ? AND seq < ? AND (? = 1 OR deleted_at IS NULL)
       ORDER BY seq DESC
       LIMIT ?
      """;

  /** The replies to a message after a position, ascending, tombstones skipped. */
  public static final String SELECT_REPLIES_AFTER =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version, COALESCE(reply_count, 0), last_reply_at
        FROM messages LEFT JOIN message_threads ON message_threads.message_id = messages.id
       WHERE parent_id = ? AND seq > ? AND deleted_at IS NULL
       ORDER BY seq ASC
       LIMIT ?
      """;

  /** Counts a new reply on its root: message id, reply time. */
  public static final String UPSERT_THREAD_REPLY =
      """
      INSERT INTO message_threads (message_id, reply_count, last_reply_at)
      VALUES (?, 1, ?)
      ON CONFLICT (message_id) DO UPDATE
         SET reply_count = message_threads.reply_count + 1,
             last_reply_at = MAX(COALESCE(message_threads.last_reply_at, excluded.last_reply_at),
                                 excluded.last_reply_at)
      """;

  /**
   * Uncounts a purged reply on its root: the newest remaining reply's time comes from the replies
   * themselves (root id, purged reply id, root id).
   */
  public static final String UPDATE_THREAD_PURGED_REPLY =
      """
      UPDATE message_threads
         SET reply_count = reply_count - 1,
             last_reply_at = (SELECT MAX(created_at) FROM messages WHERE parent_id = ? AND id <> ?)
       WHERE message_id = ?
      """;

  /** The parent and channel of a message, to purge it. */
  public static final String SELECT_MESSAGE_FOR_PURGE =
      """
      SELECT id, channel_id, parent_id FROM messages WHERE id = ?
      """;

  /** Keeps a previous body: message id, version, body, editor, time. */
  public static final String INSERT_MESSAGE_EDIT =
      """
      INSERT INTO message_edits (message_id, version, body, edited_by, edited_at)
      VALUES (?, ?, ?, ?, ?)
      """;

  /** A page of a message's previous bodies after a version. */
  public static final String SELECT_EDITS_AFTER =
      """
      SELECT message_id, version, body, edited_by, edited_at
        FROM message_edits
       WHERE message_id = ? AND version > ?
       ORDER BY version
       LIMIT ?
      """;

  /** Drops the edit history of a message. */
  public static final String DELETE_MESSAGE_EDITS =
      """
      DELETE FROM message_edits WHERE message_id = ?
      """;

  /** The read state of each channel a user is a member of. */
  public static final String SELECT_UNREAD_COUNTS =
      """
      SELECT m.channel_id, c.last_seq, m.read_seq
        FROM memberships m JOIN channels c ON c.id = m.channel_id
       WHERE m.user_id = ?
       ORDER BY m.channel_id
      """;

  /** A page of the members who read a channel up to a position, after a user id. */
  public static final String SELECT_READ_RECEIPTS_AFTER =
      """
      SELECT channel_id, user_id, role, read_seq, joined_at
        FROM memberships
       WHERE channel_id = ? AND read_seq >= ? AND user_id > ?
       ORDER BY user_id
       LIMIT ?
      """;

  // ---- reactions

  /** Drops every reaction to a message. */
  public static final String DELETE_MESSAGE_REACTIONS =
      """
      DELETE FROM reactions WHERE message_id = ?
      """;

  // ---- sessions

  // ---- storage

  /** The health probe. */
  public static final String PING =
      """
      SELECT 1
      """;

  /** The journal mode, for health details. */
  public static final String JOURNAL_MODE =
      """
      PRAGMA journal_mode
      """;

  /** Rows that violate foreign keys (after migrations ran with foreign keys off). */
  public static final String FOREIGN_KEY_CHECK =
      """
      PRAGMA foreign_key_check
      """;
}
