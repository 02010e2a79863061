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

  /** The columns of a channel, over {@link #CHANNEL_FROM}. */
  public static final String CHANNEL_COLUMNS =
      "c.id, c.name, c.topic, c.kind, c.visibility, c.category, c.created_by, c.archived,"
          + " c.last_seq, c.created_at, c.updated_at, c.version, r.keep_seconds";

  /** A channel with its retention policy. */
  public static final String CHANNEL_FROM =
      " FROM channels c LEFT JOIN channel_retention r ON r.channel_id = c.id";

  public static final String INSERT_CHANNEL =
      """
      INSERT INTO channels (id, name, topic, kind, visibility, category, created_by, archived,
                            last_seq, created_at, updated_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, 0, $8, $8, 1)
      """;

  public static final String SELECT_CHANNEL_BY_ID =
      "SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM + " WHERE c.id = $1";

  public static final String SELECT_CHANNEL_BY_NAME =
      "SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM + " WHERE c.name = $1";

  /**
   * Takes a channel's row lock until the transaction ends, without changing it: every change of
   * message rows, thread counters and retention of a channel is serialized by it (posting takes it
   * by incrementing {@code last_seq}). An UPDATE rather than SELECT ... FOR UPDATE, so that on
   * PostgreSQL it takes FOR NO KEY UPDATE, which does not wait for inserts referencing the channel.
   */
  public static final String LOCK_CHANNEL = "UPDATE channels SET last_seq = last_seq WHERE id = $1";

  public static final String SELECT_CHANNEL_VERSION = "SELECT version FROM channels WHERE id = $1";

  public static final String CHANNEL_EXISTS = "SELECT 1 FROM channels WHERE id = $1";

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
      "SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM + " ORDER BY c.name LIMIT $1";

  public static final String SELECT_CHANNELS_PAGE_AFTER =
      "SELECT " + CHANNEL_COLUMNS + CHANNEL_FROM + " WHERE c.name > $1 ORDER BY c.name LIMIT $2";

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

  // ---- messages: see MessageSql, ThreadSql, EditSql, ReadStateSql

  public static final String DELETE_REACTIONS_OF_MESSAGE =
      "DELETE FROM reactions WHERE message_id = $1";

  // ---- reactions

  /** The message a reaction may be added to: live, and share-locked against a delete. */
  public static final String SELECT_LIVE_MESSAGE_FOR_REACTION =
      "SELECT id FROM messages WHERE id = $1 AND deleted_at IS NULL";

  public static final String DELETE_REACTION =
      "DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3";

  /**
   * The reaction summaries of several messages in one query: binds the viewer (or a random id that
   * matches nobody) as $1 and the messages as $2...$n+1.
   *
   * @param messages how many message ids, 1 or more
   * @return the statement
   */
  public static String summarizeReactions(int messages) {
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

  // ---- audit

  public static final String AUDIT_COLUMNS =
      "id, channel_id, actor_id, action, target_user_id, target_message_id, detail, at";

  public static final String INSERT_AUDIT =
      """
      INSERT INTO audit_log (id, channel_id, actor_id, action, target_user_id, target_message_id,
                             detail, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;

  public static final String SELECT_AUDIT_FIRST_PAGE =
      "SELECT " + AUDIT_COLUMNS + " FROM audit_log WHERE channel_id = $1 ORDER BY id DESC LIMIT $2";

  public static final String SELECT_AUDIT_PAGE_BEFORE =
      "SELECT "
          + AUDIT_COLUMNS
          + " FROM audit_log WHERE channel_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3";

  // ---- retention

  public static final String DELETE_RETENTION =
      "DELETE FROM channel_retention WHERE channel_id = $1";

  public static final String SELECT_POLICIES_FIRST_PAGE =
      "SELECT channel_id, keep_seconds FROM channel_retention ORDER BY channel_id LIMIT $1";

  public static final String SELECT_POLICIES_PAGE_AFTER =
      "SELECT channel_id, keep_seconds FROM channel_retention WHERE channel_id > $1"
          + " ORDER BY channel_id LIMIT $2";

  /** One retention batch: the oldest positions after $2 posted before $3, at most $4. */
  public static final String SELECT_EXPIRED_BATCH =
      "SELECT id, parent_id, seq FROM messages WHERE channel_id = $1 AND seq > $2"
          + " AND created_at < $3 ORDER BY seq LIMIT $4";

  /**
   * Deletes exactly the rows {@link #SELECT_EXPIRED_BATCH} found: the same predicate bounded by the
   * batch's last position, under the channel's lock (no new row can enter that range).
   */
  public static final String DELETE_EXPIRED_BATCH =
      "DELETE FROM messages WHERE channel_id = $1 AND seq > $2 AND seq <= $3 AND created_at < $4";

  // ---- sessions

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

  /** PostgreSQL: one notification per channel id of the bound text array, in one statement. */
  public static final String NOTIFY_CHANNELS =
      "SELECT pg_notify('" + NOTIFY_CHANNEL + "', c) FROM unnest(CAST($1 AS TEXT[])) AS c";

  public static final String SELECT_BACKEND_PID = "SELECT pg_backend_pid()";
}
