package dev.chatstore.storage.r2dbc.internal;

/**
 * The {@code message_threads} table over R2DBC: a thread root's counters, kept by the rules of
 * {@link dev.chatstore.storage.internal.MessageRules}. Counting a reply is an upsert, whose syntax
 * differs: {@link Dialect#upsertThreadReply}.
 */
public final class ThreadSql {

  private ThreadSql() {}

  /**
   * Recounts a root from its remaining replies (tombstones count) after replies were purged under
   * the channel's lock (root): their number and the newest one's time.
   */
  public static final String RECOUNT =
      """
      UPDATE message_threads
         SET reply_count = (SELECT COUNT(*) FROM messages r WHERE r.parent_id = $1),
             last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.parent_id = $1)
       WHERE message_id = $1
      """;
}
