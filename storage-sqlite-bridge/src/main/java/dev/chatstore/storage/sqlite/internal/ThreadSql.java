package dev.chatstore.storage.sqlite.internal;

/**
 * The {@code message_threads} table on SQLite: a thread root's counters, kept by the rules of
 * {@link dev.chatstore.storage.internal.MessageRules} (a reply counts in its own write; a purge
 * recounts from the remaining replies).
 */
public final class ThreadSql {

  private ThreadSql() {}

  /** Counts a new reply on its root (root, reply time): one more, and the later time. */
  public static final String UPSERT_REPLY =
      """
      INSERT INTO message_threads (message_id, reply_count, last_reply_at)
      VALUES (?, 1, ?)
      ON CONFLICT (message_id) DO UPDATE
         SET reply_count = message_threads.reply_count + 1,
             last_reply_at = MAX(COALESCE(message_threads.last_reply_at, excluded.last_reply_at),
                                 excluded.last_reply_at)
      """;

  /**
   * Recounts a root from its remaining replies after a purge (root): their number, tombstones
   * included, and the newest one's time.
   */
  public static final String RECOUNT =
      """
      UPDATE message_threads
         SET reply_count = (SELECT COUNT(*) FROM messages WHERE parent_id = ?1),
             last_reply_at = (SELECT MAX(created_at) FROM messages WHERE parent_id = ?1)
       WHERE message_id = ?1
      """;
}
