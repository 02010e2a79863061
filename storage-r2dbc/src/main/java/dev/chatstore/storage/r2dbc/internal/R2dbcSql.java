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

  public static final String DELETE_REACTIONS_OF_MESSAGE =
      "DELETE FROM reactions WHERE message_id = $1";

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
