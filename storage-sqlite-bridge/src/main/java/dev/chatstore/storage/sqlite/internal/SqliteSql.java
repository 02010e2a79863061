package dev.chatstore.storage.sqlite.internal;

/**
 * Every SQL statement of the bridge, named by intent. Values are always bound, never concatenated.
 * UUIDs are canonical lower-case text, instants integer microseconds since the epoch, booleans 0 or
 * 1. Keyset pages use an empty string as "before every key" (keys are never empty).
 */
public final class SqliteSql {

  private SqliteSql() {}

  // ---- users

  /** Inserts a user at version 1. */
  public static final String INSERT_USER =
      """
      INSERT INTO users (id, username, display_name, email, public_key, password_hash,
                         created_at, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
      """;

  /** One user by id. */
  public static final String SELECT_USER_BY_ID =
      """
      SELECT id, username, display_name, email, public_key, password_hash, created_at,
             updated_at, version
        FROM users
       WHERE id = ?
      """;

  /** One user by (lower-case) username. */
  public static final String SELECT_USER_BY_USERNAME =
      """
      SELECT id, username, display_name, email, public_key, password_hash, created_at,
             updated_at, version
        FROM users
       WHERE username = ?
      """;

  /** One user by (lower-case) e-mail. */
  public static final String SELECT_USER_BY_EMAIL =
      """
      SELECT id, username, display_name, email, public_key, password_hash, created_at,
             updated_at, version
        FROM users
       WHERE email = ?
      """;

  /** One user by public key. */
  public static final String SELECT_USER_BY_PUBLIC_KEY =
      """
      SELECT id, username, display_name, email, public_key, password_hash, created_at,
             updated_at, version
        FROM users
       WHERE public_key = ?
      """;

  /** Replaces a user's mutable fields if the version matches; returns the new row. */
  public static final String UPDATE_USER_IF_VERSION =
      """
      UPDATE users
         SET display_name = ?, email = ?, public_key = ?, password_hash = ?,
             updated_at = ?, version = version + 1
       WHERE id = ? AND version = ?
      RETURNING id, username, display_name, email, public_key, password_hash, created_at,
                updated_at, version
      """;

  /** Whether a user exists. */
  public static final String USER_EXISTS =
      """
      SELECT 1 FROM users WHERE id = ?
      """;

  /** Deletes a user; sessions and memberships go by ON DELETE CASCADE. */
  public static final String DELETE_USER =
      """
      DELETE FROM users WHERE id = ?
      """;

  /** A page of users after a username. */
  public static final String SELECT_USERS_AFTER =
      """
      SELECT id, username, display_name, email, public_key, password_hash, created_at,
             updated_at, version
        FROM users
       WHERE username > ?
       ORDER BY username
       LIMIT ?
      """;

  // ---- channels

  /** Inserts a channel at version 1 with no messages. */
  public static final String INSERT_CHANNEL =
      """
      INSERT INTO channels (id, name, topic, kind, visibility, category, created_by, archived,
                            last_seq, created_at, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 1)
      """;

  /** One channel by id. */
  public static final String SELECT_CHANNEL_BY_ID =
      """
      SELECT id, name, topic, kind, visibility, category, created_by, archived, last_seq,
             created_at, updated_at, version,
             (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)
        FROM channels
       WHERE id = ?
      """;

  /** One channel by (lower-case) name. */
  public static final String SELECT_CHANNEL_BY_NAME =
      """
      SELECT id, name, topic, kind, visibility, category, created_by, archived, last_seq,
             created_at, updated_at, version,
             (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)
        FROM channels
       WHERE name = ?
      """;

  /** Replaces a channel's mutable fields if the version matches; returns the new row. */
  public static final String UPDATE_CHANNEL_IF_VERSION =
      """
      UPDATE channels
         SET name = ?, topic = ?, visibility = ?, category = ?, updated_at = ?,
             version = version + 1
       WHERE id = ? AND version = ?
      RETURNING id, name, topic, kind, visibility, category, created_by, archived, last_seq,
                created_at, updated_at, version,
                (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)
      """;

  /** Sets the archived flag when it differs; returns the changed row (none when unchanged). */
  public static final String UPDATE_CHANNEL_ARCHIVED =
      """
      UPDATE channels SET archived = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND archived <> ?
      RETURNING id, name, topic, kind, visibility, category, created_by, archived, last_seq,
                created_at, updated_at, version,
                (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)
      """;

  /** Deletes a channel; memberships, messages and media go by ON DELETE CASCADE. */
  public static final String DELETE_CHANNEL =
      """
      DELETE FROM channels WHERE id = ?
      """;

  /** A page of channels after a name. */
  public static final String SELECT_CHANNELS_AFTER =
      """
      SELECT id, name, topic, kind, visibility, category, created_by, archived, last_seq,
             created_at, updated_at, version,
             (SELECT keep_seconds FROM channel_retention WHERE channel_id = channels.id)
        FROM channels
       WHERE name > ?
       ORDER BY name
       LIMIT ?
      """;

  /** Whether a channel exists. */
  public static final String CHANNEL_EXISTS =
      """
      SELECT 1 FROM channels WHERE id = ?
      """;

  // ---- memberships

  /** Adds a member, or changes an existing member's role keeping the read position. */
  public static final String UPSERT_MEMBER =
      """
      INSERT INTO memberships (channel_id, user_id, role, read_seq, joined_at)
      VALUES (?, ?, ?, 0, ?)
      ON CONFLICT (channel_id, user_id) DO UPDATE SET role = excluded.role
      RETURNING channel_id, user_id, role, read_seq, joined_at
      """;

  /** One membership. */
  public static final String SELECT_MEMBER =
      """
      SELECT channel_id, user_id, role, read_seq, joined_at
        FROM memberships
       WHERE channel_id = ? AND user_id = ?
      """;

  /** Removes a member. */
  public static final String DELETE_MEMBER =
      """
      DELETE FROM memberships WHERE channel_id = ? AND user_id = ?
      """;

  /** A page of a channel's members after a user id. */
  public static final String SELECT_MEMBERS_AFTER =
      """
      SELECT channel_id, user_id, role, read_seq, joined_at
        FROM memberships
       WHERE channel_id = ? AND user_id > ?
       ORDER BY user_id
       LIMIT ?
      """;

  /** A page of a user's memberships after a channel id. */
  public static final String SELECT_MEMBERSHIPS_AFTER =
      """
      SELECT channel_id, user_id, role, read_seq, joined_at
        FROM memberships
       WHERE user_id = ? AND channel_id > ?
       ORDER BY channel_id
       LIMIT ?
      """;

  // ---- messages: see MessageSql, ThreadSql, EditSql, ReadStateSql

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
