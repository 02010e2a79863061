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
             created_at, updated_at, version
        FROM channels
       WHERE id = ?
      """;

  /** One channel by (lower-case) name. */
  public static final String SELECT_CHANNEL_BY_NAME =
      """
      SELECT id, name, topic, kind, visibility, category, created_by, archived, last_seq,
             created_at, updated_at, version
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
                created_at, updated_at, version
      """;

  /** Sets the archived flag when it differs; returns the changed row (none when unchanged). */
  public static final String UPDATE_CHANNEL_ARCHIVED =
      """
      UPDATE channels SET archived = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND archived <> ?
      RETURNING id, name, topic, kind, visibility, category, created_by, archived, last_seq,
                created_at, updated_at, version
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
             created_at, updated_at, version
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
             edited_at, deleted_at, version
        FROM messages
       WHERE id = ?
      """;

  /** The message an author stored under an idempotency key. */
  public static final String SELECT_MESSAGE_BY_TXN =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version
        FROM messages
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
                edited_at, deleted_at, version
      """;

  /** Turns a message into its tombstone; returns the new row. */
  public static final String UPDATE_MESSAGE_TOMBSTONE =
      """
      UPDATE messages SET body = '', deleted_at = ?, version = version + 1
       WHERE id = ? AND deleted_at IS NULL
      RETURNING id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
                edited_at, deleted_at, version
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
             edited_at, deleted_at, version
        FROM messages
       WHERE channel_id = ? AND seq > ? AND (? = 1 OR deleted_at IS NULL)
       ORDER BY seq ASC
       LIMIT ?
      """;

  /** A page backward: positions before a position, descending; tombstones only when asked (1). */
  public static final String SELECT_PAGE_BEFORE =
      """
      SELECT id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at,
             edited_at, deleted_at, version
        FROM messages
       WHERE channel_id = ? AND seq < ? AND (? = 1 OR deleted_at IS NULL)
       ORDER BY seq DESC
       LIMIT ?
      """;

  // ---- sessions

  /** Inserts a session. */
  public static final String INSERT_SESSION =
      """
      INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)
      """;

  /** The unexpired session of a token hash. */
  public static final String SELECT_VALID_SESSION =
      """
      SELECT id, user_id, token_hash, created_at, last_seen_at, expires_at
        FROM sessions
       WHERE token_hash = ? AND expires_at > ?
      """;

  /** Records a use of an unexpired session; returns the new row. */
  public static final String TOUCH_SESSION =
      """
      UPDATE sessions SET last_seen_at = ?, expires_at = ?
       WHERE id = ? AND expires_at > ?
      RETURNING id, user_id, token_hash, created_at, last_seen_at, expires_at
      """;

  /** Deletes a session. */
  public static final String DELETE_SESSION =
      """
      DELETE FROM sessions WHERE id = ?
      """;

  /** Deletes every session of a user. */
  public static final String DELETE_USER_SESSIONS =
      """
      DELETE FROM sessions WHERE user_id = ?
      """;

  /** Deletes the sessions expired at an instant. */
  public static final String DELETE_EXPIRED_SESSIONS =
      """
      DELETE FROM sessions WHERE expires_at <= ?
      """;

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
