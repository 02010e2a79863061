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

  /** Whether a message exists and is not deleted. */
  public static final String LIVE_MESSAGE_EXISTS =
      """
      SELECT 1 FROM messages WHERE id = ? AND deleted_at IS NULL
      """;

  /** Adds a reaction unless it exists. */
  public static final String INSERT_REACTION =
      """
      INSERT INTO reactions (message_id, user_id, emoji, created_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (message_id, user_id, emoji) DO NOTHING
      """;

  /** Removes a reaction. */
  public static final String DELETE_REACTION =
      """
      DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?
      """;

  /** Drops every reaction to a message. */
  public static final String DELETE_MESSAGE_REACTIONS =
      """
      DELETE FROM reactions WHERE message_id = ?
      """;

  /**
   * The reactions of several messages, given as a JSON array of ids, with whether the viewer (may
   * be NULL) reacted: one query for a whole page.
   */
  public static final String SUMMARIZE_REACTIONS =
      """
      SELECT message_id, emoji, COUNT(*) AS n, MAX(user_id = ?) AS mine
        FROM reactions
       WHERE message_id IN (SELECT value FROM json_each(?))
       GROUP BY message_id, emoji
       ORDER BY message_id, n DESC, emoji
      """;

  // ---- retention

  /** Sets a channel's retention. */
  public static final String UPSERT_RETENTION =
      """
      INSERT INTO channel_retention (channel_id, keep_seconds) VALUES (?, ?)
      ON CONFLICT (channel_id) DO UPDATE SET keep_seconds = excluded.keep_seconds
      """;

  /** Clears a channel's retention. */
  public static final String DELETE_RETENTION =
      """
      DELETE FROM channel_retention WHERE channel_id = ?
      """;

  /** Every retention policy. */
  public static final String SELECT_RETENTIONS =
      """
      SELECT channel_id, keep_seconds FROM channel_retention ORDER BY channel_id
      """;

  /** The next batch of expired messages of a channel: after a position, posted before a time. */
  public static final String SELECT_EXPIRED_BATCH =
      """
      SELECT id, channel_id, parent_id, seq
        FROM messages
       WHERE channel_id = ? AND seq > ? AND created_at < ?
       ORDER BY seq
       LIMIT ?
      """;

  // ---- audit

  /** Appends an audit entry. */
  public static final String INSERT_AUDIT =
      """
      INSERT INTO audit_log (id, channel_id, actor_id, action, target_user_id, target_message_id,
                             detail, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /** A page of a channel's audit log before an id (NULL: from the newest), newest first. */
  public static final String SELECT_AUDIT_BEFORE =
      """
      SELECT id, channel_id, actor_id, action, target_user_id, target_message_id, detail, at
        FROM audit_log
       WHERE channel_id = ? AND (? IS NULL OR id < ?)
       ORDER BY id DESC
       LIMIT ?
      """;

  // ---- search

  /**
   * The matches of a search, as a subquery of {@link #SEARCH_AFTER_RELEVANCE} and {@link
   * #SEARCH_AFTER_RECENCY}. The MATCH expression is built from the query's terms, each quoted, and
   * bound. Binds: match, viewer, channel (twice), author (twice), from (twice), to (twice). The
   * score is bm25 negated, so that higher is better.
   */
  private static final String SEARCH_MATCHES =
      """
      SELECT m.id AS id, m.channel_id, m.seq, m.author_id, m.body, m.parent_id, m.client_txn_id,
             m.created_at, m.edited_at, m.deleted_at, m.version,
             COALESCE(t.reply_count, 0) AS reply_count, t.last_reply_at,
             -bm25(messages_fts) AS score
        FROM messages_fts
        JOIN message_search_docs d ON d.doc_id = messages_fts.rowid
        JOIN messages m ON m.id = d.message_id
        JOIN channels c ON c.id = m.channel_id
        LEFT JOIN message_threads t ON t.message_id = m.id
       WHERE messages_fts MATCH ?
         AND m.deleted_at IS NULL
         AND (c.visibility = 'PUBLIC'
              OR EXISTS (SELECT 1 FROM memberships ms
                          WHERE ms.channel_id = m.channel_id AND ms.user_id = ?))
         AND (? IS NULL OR m.channel_id = ?)
         AND (? IS NULL OR m.author_id = ?)
         AND (? IS NULL OR m.created_at >= ?)
         AND (? IS NULL OR m.created_at < ?)
      """;

  /**
   * A page of search hits by relevance: the matches' binds, then the keyset after a hit (score,
   * score, score, id; NULL for the first page) and the limit.
   */
  public static final String SEARCH_AFTER_RELEVANCE =
      "SELECT * FROM ("
          + SEARCH_MATCHES
          + """
          ) h
           WHERE (? IS NULL OR h.score < ? OR (h.score = ? AND h.id < ?))
           ORDER BY h.score DESC, h.id DESC
           LIMIT ?
          """;

  /**
   * A page of search hits by recency (ids are time-ordered): the matches' binds, then the keyset
   * after a hit (id, id; NULL for the first page) and the limit.
   */
  public static final String SEARCH_AFTER_RECENCY =
      "SELECT * FROM ("
          + SEARCH_MATCHES
          + """
          ) h
           WHERE (? IS NULL OR h.id < ?)
           ORDER BY h.id DESC
           LIMIT ?
          """;

  // ---- sessions

  // ---- media

  /** Inserts a media item. */
  public static final String INSERT_MEDIA =
      """
      INSERT INTO media (id, filename, content_type, size_bytes, sha256, description,
                         uploader_id, channel_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /** One media item. */
  public static final String SELECT_MEDIA_BY_ID =
      """
      SELECT id, filename, content_type, size_bytes, sha256, description, uploader_id,
             channel_id, created_at
        FROM media
       WHERE id = ?
      """;

  /** A page of a channel's media after an id. */
  public static final String SELECT_MEDIA_BY_CHANNEL_AFTER =
      """
      SELECT id, filename, content_type, size_bytes, sha256, description, uploader_id,
             channel_id, created_at
        FROM media
       WHERE channel_id = ? AND id > ?
       ORDER BY id
       LIMIT ?
      """;

  /** A page of an uploader's media after an id. */
  public static final String SELECT_MEDIA_BY_UPLOADER_AFTER =
      """
      SELECT id, filename, content_type, size_bytes, sha256, description, uploader_id,
             channel_id, created_at
        FROM media
       WHERE uploader_id = ? AND id > ?
       ORDER BY id
       LIMIT ?
      """;

  /** Deletes a media item. */
  public static final String DELETE_MEDIA =
      """
      DELETE FROM media WHERE id = ?
      """;

  // ---- key-values

  /** One entry. */
  public static final String SELECT_KEY_VALUE =
      """
      SELECT partition_key, sort_key, value_bytes, version, updated_at
        FROM key_values
       WHERE partition_key = ? AND sort_key = ?
      """;

  /** Writes an entry unconditionally: version 1, or one more. */
  public static final String UPSERT_KEY_VALUE =
      """
      INSERT INTO key_values (partition_key, sort_key, value_bytes, version, updated_at)
      VALUES (?, ?, ?, 1, ?)
      ON CONFLICT (partition_key, sort_key) DO UPDATE
         SET value_bytes = excluded.value_bytes, version = key_values.version + 1,
             updated_at = excluded.updated_at
      RETURNING partition_key, sort_key, value_bytes, version, updated_at
      """;

  /** Creates an entry only if none exists; no row when one does. */
  public static final String INSERT_KEY_VALUE_IF_ABSENT =
      """
      INSERT INTO key_values (partition_key, sort_key, value_bytes, version, updated_at)
      VALUES (?, ?, ?, 1, ?)
      ON CONFLICT (partition_key, sort_key) DO NOTHING
      RETURNING partition_key, sort_key, value_bytes, version, updated_at
      """;

  /** Replaces an entry only at the expected version; no row otherwise. */
  public static final String UPDATE_KEY_VALUE_IF_VERSION =
      """
      UPDATE key_values SET value_bytes = ?, version = version + 1, updated_at = ?
       WHERE partition_key = ? AND sort_key = ? AND version = ?
      RETURNING partition_key, sort_key, value_bytes, version, updated_at
      """;

  /** Deletes an entry. */
  public static final String DELETE_KEY_VALUE =
      """
      DELETE FROM key_values WHERE partition_key = ? AND sort_key = ?
      """;

  /** A page of a partition in [lower, upper) after a sort key, in byte order. */
  public static final String SELECT_KEY_VALUES_RANGE =
      """
      SELECT partition_key, sort_key, value_bytes, version, updated_at
        FROM key_values
       WHERE partition_key = ? AND sort_key >= ? AND sort_key < ? AND sort_key > ?
       ORDER BY sort_key
       LIMIT ?
      """;

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
