package dev.chatstore.storage.r2dbc.internal;

/**
 * Every SQL statement of the R2DBC backend, named by intent. Values are always bound ({@code $1}
 * markers work on both drivers), never concatenated. Statements whose syntax differs between
 * PostgreSQL and H2 (upserts, returning changed rows) are completed by the {@link Dialect}.
 */
public final class R2dbcSql {

  private R2dbcSql() {}

  // ---- channels

  /**
   * Takes a channel's row lock until the transaction ends, without changing it: every change of
   * message rows, thread counters and retention of a channel is serialized by it (posting takes it
   * by incrementing {@code last_seq}). An UPDATE rather than SELECT ... FOR UPDATE, so that on
   * PostgreSQL it takes FOR NO KEY UPDATE, which does not wait for inserts referencing the channel.
   */
  public static final String LOCK_CHANNEL = "UPDATE channels SET last_seq = last_seq WHERE id = $1";

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
   * created-at. Followers are woken after the commit ({@link PgNotifier}), never by a NOTIFY inside
   * the transaction (which would serialise every commit on PostgreSQL's notification queue lock).
   */
  public static final String APPEND_MESSAGE =
      """
      WITH next AS (
             UPDATE channels SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)
      INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,
                            created_at, version)
      SELECT $1, $2, next.last_seq, $3, $4, $5, $6, $7, 1 FROM next
      RETURNING seq
      """;

  public static final String SELECT_LAST_SEQ = "SELECT last_seq FROM channels WHERE id = $1";

  // ---- memberships

  /** Forward only, and never past the channel's last position. Completed by the dialect. */
  public static final String ADVANCE_READ_SEQ =
      """
      UPDATE memberships
         SET read_seq = GREATEST(read_seq,
                                 LEAST($3, (SELECT c.last_seq FROM channels c WHERE c.id = $1)))
       WHERE channel_id = $1 AND user_id = $2
      """;

  public static final String SELECT_UNREAD_COUNTS_OF_USER =
      """
      SELECT m.channel_id, c.last_seq, m.read_seq
        FROM memberships m JOIN channels c ON c.id = m.channel_id
       WHERE m.user_id = $1
       ORDER BY m.channel_id
      """;

  public static final String SELECT_READ_RECEIPTS_FIRST_PAGE =
      "SELECT "
          + MembershipSql.COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND read_seq >= $2 ORDER BY user_id LIMIT $3";

  public static final String SELECT_READ_RECEIPTS_PAGE_AFTER =
      "SELECT "
          + MembershipSql.COLUMNS
          + " FROM memberships WHERE channel_id = $1 AND read_seq >= $2 AND user_id > $3"
          + " ORDER BY user_id LIMIT $4";

  public static final String SELECT_UNREAD_COUNT =
      """
      SELECT c.last_seq - m.read_seq AS unread
        FROM memberships m JOIN channels c ON c.id = m.channel_id
       WHERE m.channel_id = $1 AND m.user_id = $2
      """;

  // ---- messages

  /** The columns of a message with its thread counters, over {@link #MESSAGE_FROM}. */
  public static final String MESSAGE_COLUMNS =
      "m.id, m.channel_id, m.seq, m.author_id, m.body, m.parent_id, m.client_txn_id, m.created_at,"
          + " m.edited_at, m.deleted_at, m.version, COALESCE(t.reply_count, 0) AS reply_count,"
          + " t.last_reply_at";

  /** A message with its thread counters. */
  public static final String MESSAGE_FROM =
      " FROM messages m LEFT JOIN message_threads t ON t.message_id = m.id";

  public static final String INSERT_MESSAGE =
      """
      INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,
                            created_at, version)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
      """;

  public static final String SELECT_MESSAGE_BY_ID =
      "SELECT " + MESSAGE_COLUMNS + MESSAGE_FROM + " WHERE m.id = $1";

  public static final String SELECT_MESSAGE_BY_CLIENT_TXN =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.author_id = $1 AND m.client_txn_id = $2";

  public static final String SELECT_MESSAGE_CHANNEL =
      "SELECT channel_id FROM messages WHERE id = $1";

  public static final String SELECT_MESSAGE_CHANNEL_AND_PARENT =
      "SELECT channel_id, parent_id FROM messages WHERE id = $1";

  /** The state an edit checks, locked until the edit's transaction ends. */
  public static final String SELECT_MESSAGE_FOR_EDIT =
      "SELECT author_id, body, version, deleted_at FROM messages WHERE id = $1";

  public static final String INSERT_MESSAGE_EDIT =
      """
      INSERT INTO message_edits (message_id, version, body, edited_by, edited_at)
      VALUES ($1, $2, $3, $4, $5)
      """;

  public static final String UPDATE_MESSAGE_BODY =
      "UPDATE messages SET body = $2, edited_at = $3, version = version + 1 WHERE id = $1";

  /** Turns a live message into its tombstone; changes nothing for a tombstone. */
  public static final String TOMBSTONE_MESSAGE =
      """
      UPDATE messages SET body = '', deleted_at = $2, version = version + 1
       WHERE id = $1 AND deleted_at IS NULL
      """;

  public static final String DELETE_REACTIONS_OF_MESSAGE =
      "DELETE FROM reactions WHERE message_id = $1";

  public static final String DELETE_EDITS_OF_MESSAGE =
      "DELETE FROM message_edits WHERE message_id = $1";

  /** Reactions, edit history and thread counters go with it (ON DELETE CASCADE). */
  public static final String PURGE_MESSAGE = "DELETE FROM messages WHERE id = $1";

  /**
   * Recounts a thread root from its remaining replies (tombstones count), after replies were purged
   * under the channel's lock.
   */
  public static final String RECOUNT_THREAD =
      """
      UPDATE message_threads
         SET reply_count = (SELECT COUNT(*) FROM messages r WHERE r.parent_id = $1),
             last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.parent_id = $1)
       WHERE message_id = $1
      """;

  /** Keyset page forward: positions after $2, ascending; $3 includes tombstones. */
  public static final String SELECT_PAGE_AFTER =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.channel_id = $1 AND m.seq > $2 AND (m.deleted_at IS NULL OR $3)"
          + " ORDER BY m.seq LIMIT $4";

  /** Keyset page backward: positions before $2, descending; $3 includes tombstones. */
  public static final String SELECT_PAGE_BEFORE =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.channel_id = $1 AND m.seq < $2 AND (m.deleted_at IS NULL OR $3)"
          + " ORDER BY m.seq DESC LIMIT $4";

  /** Stream and follow pages forward, tombstones skipped. */
  public static final String SELECT_LIVE_AFTER =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.channel_id = $1 AND m.seq > $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq LIMIT $3";

  /** Stream pages backward, tombstones skipped. */
  public static final String SELECT_LIVE_BEFORE =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.channel_id = $1 AND m.seq < $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq DESC LIMIT $3";

  /** Replies of a thread root by keyset on their position (index ix_messages_parent). */
  public static final String SELECT_REPLIES_AFTER =
      "SELECT "
          + MESSAGE_COLUMNS
          + MESSAGE_FROM
          + " WHERE m.parent_id = $1 AND m.seq > $2 AND m.deleted_at IS NULL"
          + " ORDER BY m.seq LIMIT $3";

  public static final String MESSAGE_EDIT_COLUMNS =
      "message_id, version, body, edited_by, edited_at";

  public static final String SELECT_EDITS_AFTER =
      "SELECT "
          + MESSAGE_EDIT_COLUMNS
          + " FROM message_edits WHERE message_id = $1 AND version > $2 ORDER BY version LIMIT $3";

  // ---- sessions

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
