package dev.chatstore.storage.sqlite.internal;

/**
 * The bridge's statements that belong to no table (health, migration checks) and the one shared by
 * two stores; each table's own statements are in its {@code <Table>Sql} class. Values are always
 * bound, never concatenated. UUIDs are canonical lower-case text, instants integer microseconds
 * since the epoch, booleans 0 or 1. Keyset pages use an empty string as "before every key" (keys
 * are never empty).
 */
public final class SqliteSql {

  private SqliteSql() {}

  // ---- reactions

  /** Drops every reaction to a message. */
  public static final String DELETE_MESSAGE_REACTIONS =
      """
      DELETE FROM reactions WHERE message_id = ?
      """;

  // ---- storage

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
