package dev.chatstore.storage;

/**
 * Optional abilities of a backend, reported by {@link Storage#capabilities()}. The conformance
 * suite skips the checks of an ability a backend does not declare, saying why.
 */
public enum Capability {
  /**
   * {@link MessageStore#follow} sees messages committed by other processes on the same database
   * (PostgreSQL, through LISTEN/NOTIFY). Without it, only commits made through the same {@link
   * Storage} wake followers, and one process must own the database.
   */
  CROSS_PROCESS_FOLLOW,
  /** Write transactions run in parallel on several connections (not SQLite's single writer). */
  PARALLEL_WRITES,
  /** The driver performs no blocking I/O on the caller's threads (R2DBC PostgreSQL). */
  NON_BLOCKING_IO
}
