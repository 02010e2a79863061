package dev.chatstore.storage.r2dbc.internal;

/**
 * Every SQL statement of the R2DBC backend, named by intent. Values are always bound ({@code $1}
 * markers work on both drivers), never concatenated. Statements whose syntax differs between
 * PostgreSQL and H2 (upserts, returning changed rows) are completed by the {@link Dialect}.
 */
public final class R2dbcSql {

  private R2dbcSql() {}

  // ---- users

  public static final String USER_COLUMNS =
      "id, username, display_name, email, public_key, password_hash, created_at, updated_at,"
          + " version";

  public static final String INSERT_USER =
      """
      INSERT INTO users (id, username, display_name, email, public_key, password_hash, created_at,
                         updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)
      """;

  public static final String SELECT_USER_BY_ID =
      "SELECT " + USER_COLUMNS + " FROM users WHERE id = $1";

  public static final String SELECT_USER_BY_USERNAME =
      "SELECT " + USER_COLUMNS + " FROM users WHERE username = $1";

  public static final String SELECT_USER_BY_EMAIL =
      "SELECT " + USER_COLUMNS + " FROM users WHERE email = $1";

  public static final String SELECT_USER_BY_PUBLIC_KEY =
      "SELECT " + USER_COLUMNS + " FROM users WHERE public_key = $1";

  public static final String SELECT_USER_VERSION = "SELECT version FROM users WHERE id = $1";

  /** Completed by {@link Dialect#returning}. */
  public static final String UPDATE_USER_IF_VERSION =
      """
      UPDATE users
         SET display_name = $3, email = $4, public_key = $5, password_hash = $6, updated_at = $7,
             version = version + 1
       WHERE id = $1 AND version = $2
      """;

  public static final String DELETE_USER = "DELETE FROM users WHERE id = $1";

  public static final String SELECT_USERS_FIRST_PAGE =
      "SELECT " + USER_COLUMNS + " FROM users ORDER BY username LIMIT $1";

  public static final String SELECT_USERS_PAGE_AFTER =
      "SELECT " + USER_COLUMNS + " FROM users WHERE username > $1 ORDER BY username LIMIT $2";

  public static final String USER_EXISTS = "SELECT 1 FROM users WHERE id = $1";

  // ---- channels

  public static final String CHANNEL_COLUMNS =
      "id, name, topic, kind, visibility, category, created_by, archived, last_seq, created_at,"
          + " updated_at, version";

  public static final String INSERT_CHANNEL =
      """
      INSERT INTO channels (id, name, topic, kind, visibility, category, created_by, archived,
                            last_seq, created_at, updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, 0, $8, $8, 1)
      """;

  public static final String SELECT_CHANNEL_BY_ID =
      "SELECT " + CHANNEL_COLUMNS + " FROM channels WHERE id = $1";

  public static final String SELECT_CHANNEL_BY_NAME =
      "SELECT " + CHANNEL_COLUMNS + " FROM channels WHERE name = $1";

  public static final String SELECT_CHANNEL_VERSION = "SELECT version FROM channels WHERE id = $1";

  public static final String CHANNEL_EXISTS = "SELECT 1 FROM channels WHERE id = $1";

  /** Completed by {@link Dialect#returning}. */
  public static final String UPDATE_CHANNEL_IF_VERSION =
      """
      UPDATE channels
         SET name = $3, topic = $4, visibility = $5, category = $6, updated_at = $7,
             version = version + 1
       WHERE id = $1 AND version = $2
      """;

  /** Changes nothing when the channel is already in the asked state. */
  public static final String UPDATE_CHANNEL_ARCHIVED =
      """
      UPDATE channels SET archived = $2, updated_at = $3, version = version + 1
       WHERE id = $1 AND archived <> $2
      """;

  public static final String DELETE_CHANNEL = "DELETE FROM channels WHERE id = $1";

  public static final String SELECT_CHANNELS_FIRST_PAGE =
      "SELECT " + CHANNEL_COLUMNS + " FROM channels ORDER BY name LIMIT $1";

  public static final String SELECT_CHANNELS_PAGE_AFTER =
      "SELECT " + CHANNEL_COLUMNS + " FROM channels WHERE name > $1 ORDER BY name LIMIT $2";

  /**
   * Takes the next position of a channel under its row lock, held until the posting transaction
   * ends: positions are gap-free and commit in order. Completed by {@link Dialect#returning}.
   */
  public static final String INCREMENT_CHANNEL_SEQ =
      "UPDATE channels SET last_seq = last_seq + 1 WHERE id = $1";

  public static final String SELECT_LAST_SEQ = "SELECT last_seq FROM channels WHERE id = $1";

  // ---- memberships

  public static final String MEMBERSHIP_COLUMNS = "channel_id, user_id, role, read_seq, joined_at";

  public static final String INSERT_MEMBERSHIP =
      """
      INSERT INTO memberships (channel_id, user_id, role, read_seq, joined_at)
      VALUES ($1, $2, $3, 0, $4)
      """;

  public static final String SELECT_MEMBERSHIP =
      "SELECT " + MEMBERSHIP_COLUMNS + " FROM memberships WHERE channel_id = $1 AND user_id = $2";

  public static final String DELETE_MEMBERSHIP =
      "DELETE FROM memberships WHERE channel_id = $1 AND user_id = $2";

  public static final String SELECT_MEMBERS_FIRST_PAGE =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE channel_id = $1 ORDER BY user_id LIMIT $2";

  public static final String SELECT_MEMBERS_PAGE_AFTER =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND user_id > $2 ORDER BY user_id LIMIT $3";

  public static final String SELECT_MEMBERSHIPS_FIRST_PAGE =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE user_id = $1 ORDER BY channel_id LIMIT $2";

  public static final String SELECT_MEMBERSHIPS_PAGE_AFTER =
      "SELECT "
          + MEMBERSHIP_COLUMNS
          + " FROM memberships WHERE user_id = $1 AND channel_id > $2 ORDER BY channel_id"
          + " LIMIT $3";

  /** Forward only, and never past the channel's last position. Completed by the dialect. */
  public static final String ADVANCE_READ_SEQ =
      """
      UPDATE memberships
         SET read_seq = GREATEST(read_seq,
                                 LEAST($3, (SELECT c.last_seq FROM channels c WHERE c.id = $1)))
       WHERE channel_id = $1 AND user_id = $2
      """;

  public static final String SELECT_UNREAD_COUNT =
      """
      SELECT c.last_seq - m.read_seq AS unread
        FROM memberships m JOIN channels c ON c.id = m.channel_id
       WHERE m.channel_id = $1 AND m.user_id = $2
      """;

  // ---- messages

  public static final String MESSAGE_COLUMNS =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at,"
          + " deleted_at, version";

  public static final String INSERT_MESSAGE =
      """
      INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,
                            created_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
      """;

  public static final String SELECT_MESSAGE_BY_ID =
      "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE id = $1";

  public static final String SELECT_MESSAGE_BY_CLIENT_TXN =
      "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE author_id = $1 AND client_txn_id = $2";

  public static final String SELECT_MESSAGE_CHANNEL =
      "SELECT channel_id FROM messages WHERE id = $1";

  /** Completed by {@link Dialect#returning}. */
  public static final String EDIT_MESSAGE_IF_VERSION =
      """
      UPDATE messages SET body = $3, edited_at = $4, version = version + 1
       WHERE id = $1 AND version = $2 AND deleted_at IS NULL
      """;

  /** Turns a live message into its tombstone. Completed by {@link Dialect#returning}. */
  public static final String TOMBSTONE_MESSAGE =
      """
      UPDATE messages SET body = '', deleted_at = $2, version = version + 1
       WHERE id = $1 AND deleted_at IS NULL
      """;

  public static final String PURGE_MESSAGE = "DELETE FROM messages WHERE id = $1";

  /** Keyset page forward: positions after $2, ascending; $3 includes tombstones. */
  public static final String SELECT_PAGE_AFTER =
      "SELECT "
          + MESSAGE_COLUMNS
          + " FROM messages WHERE channel_id = $1 AND seq > $2 AND (deleted_at IS NULL OR $3)"
          + " ORDER BY seq LIMIT $4";

  /** Keyset page backward: positions before $2, descending; $3 includes tombstones. */
  public static final String SELECT_PAGE_BEFORE =
      "SELECT "
          + MESSAGE_COLUMNS
          + " FROM messages WHERE channel_id = $1 AND seq < $2 AND (deleted_at IS NULL OR $3)"
          + " ORDER BY seq DESC LIMIT $4";

  /** Stream and follow pages forward, tombstones skipped. */
  public static final String SELECT_LIVE_AFTER =
      "SELECT "
          + MESSAGE_COLUMNS
          + " FROM messages WHERE channel_id = $1 AND seq > $2 AND deleted_at IS NULL"
          + " ORDER BY seq LIMIT $3";

  /** Stream pages backward, tombstones skipped. */
  public static final String SELECT_LIVE_BEFORE =
      "SELECT "
          + MESSAGE_COLUMNS
          + " FROM messages WHERE channel_id = $1 AND seq < $2 AND deleted_at IS NULL"
          + " ORDER BY seq DESC LIMIT $3";

  // ---- sessions

  public static final String SESSION_COLUMNS =
      "id, user_id, token_hash, created_at, last_seen_at, expires_at";

  public static final String INSERT_SESSION =
      """
      INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at)
      VALUES ($1, $2, $3, $4, $4, $5)
      """;

  public static final String SELECT_VALID_SESSION_BY_TOKEN_HASH =
      "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE token_hash = $1 AND expires_at > $2";

  /** Completed by {@link Dialect#returning}. */
  public static final String TOUCH_VALID_SESSION =
      "UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1 AND expires_at > $2";

  public static final String DELETE_SESSION = "DELETE FROM sessions WHERE id = $1";

  public static final String DELETE_SESSIONS_OF_USER = "DELETE FROM sessions WHERE user_id = $1";

  public static final String DELETE_EXPIRED_SESSIONS =
      "DELETE FROM sessions WHERE expires_at <= $1";

  // ---- media

  public static final String MEDIA_COLUMNS =
      "id, filename, content_type, size_bytes, sha256, description, uploader_id, channel_id,"
          + " created_at";

  public static final String INSERT_MEDIA =
      """
      INSERT INTO media (id, filename, content_type, size_bytes, sha256, description, uploader_id,
                         channel_id, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;

  public static final String SELECT_MEDIA_BY_ID =
      "SELECT " + MEDIA_COLUMNS + " FROM media WHERE id = $1";

  public static final String SELECT_MEDIA_OF_CHANNEL_FIRST_PAGE =
      "SELECT " + MEDIA_COLUMNS + " FROM media WHERE channel_id = $1 ORDER BY id LIMIT $2";

  public static final String SELECT_MEDIA_OF_CHANNEL_PAGE_AFTER =
      "SELECT "
          + MEDIA_COLUMNS
          + " FROM media WHERE channel_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  public static final String SELECT_MEDIA_OF_UPLOADER_FIRST_PAGE =
      "SELECT " + MEDIA_COLUMNS + " FROM media WHERE uploader_id = $1 ORDER BY id LIMIT $2";

  public static final String SELECT_MEDIA_OF_UPLOADER_PAGE_AFTER =
      "SELECT "
          + MEDIA_COLUMNS
          + " FROM media WHERE uploader_id = $1 AND id > $2 ORDER BY id LIMIT $3";

  public static final String DELETE_MEDIA = "DELETE FROM media WHERE id = $1";

  // ---- key-values

  public static final String KEY_VALUE_COLUMNS =
      "partition_key, sort_key, value_bytes, version, updated_at";

  public static final String SELECT_KEY_VALUE =
      "SELECT " + KEY_VALUE_COLUMNS + " FROM key_values WHERE partition_key = $1 AND sort_key = $2";

  public static final String INSERT_KEY_VALUE =
      """
      INSERT INTO key_values (partition_key, sort_key, value_bytes, version, updated_at)
      VALUES ($1, $2, $3, 1, $4)
      """;

  /** Compare-and-set. Completed by {@link Dialect#returning}. */
  public static final String UPDATE_KEY_VALUE_IF_VERSION =
      """
      UPDATE key_values SET value_bytes = $3, version = version + 1, updated_at = $5
       WHERE partition_key = $1 AND sort_key = $2 AND version = $4
      """;

  public static final String DELETE_KEY_VALUE =
      "DELETE FROM key_values WHERE partition_key = $1 AND sort_key = $2";

  /**
   * Sort keys in [$2, $3): keys are printable ASCII, so the prefix followed by U+007F bounds every
   * key that starts with it, without LIKE and its escaping.
   */
  public static final String SELECT_KEY_VALUES_FIRST_PAGE =
      "SELECT "
          + KEY_VALUE_COLUMNS
          + " FROM key_values WHERE partition_key = $1 AND sort_key >= $2 AND sort_key < $3"
          + " ORDER BY sort_key LIMIT $4";

  public static final String SELECT_KEY_VALUES_PAGE_AFTER =
      "SELECT "
          + KEY_VALUE_COLUMNS
          + " FROM key_values WHERE partition_key = $1 AND sort_key >= $2 AND sort_key < $3"
          + " AND sort_key > $4 ORDER BY sort_key LIMIT $5";

  // ---- health and follow

  public static final String SELECT_ONE = "SELECT 1";

  /** PostgreSQL: the channel whose wake-ups carry the id of a channel with new messages. */
  public static final String NOTIFY_CHANNEL = "chatstore_messages";

  public static final String LISTEN = "LISTEN " + NOTIFY_CHANNEL;

  /** PostgreSQL: sent in the posting transaction, delivered to listeners at commit. */
  public static final String NOTIFY_MESSAGE_POSTED =
      "SELECT pg_notify('" + NOTIFY_CHANNEL + "', $1)";
}
