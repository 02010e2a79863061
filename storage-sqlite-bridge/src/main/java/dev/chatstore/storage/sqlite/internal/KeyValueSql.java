package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.internal.Records;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code key_values} table on SQLite: its statements, its column list and its row mapping. Keys
 * compare with SQLite's {@code BINARY} collation: the byte order of their UTF-8, which is the code
 * point order of {@link dev.chatstore.storage.internal.KeyRanges}.
 */
public final class KeyValueSql {

  private KeyValueSql() {}

  /** The columns {@link #row} reads. */
  private static final String COLUMNS = "partition_key, sort_key, value_bytes, version, updated_at";

  /** One entry (partition, sort key). */
  public static final String SELECT =
      "SELECT " + COLUMNS + " FROM key_values WHERE partition_key = ?1 AND sort_key = ?2";

  /**
   * Writes an entry unconditionally at version 1 or one more (partition, sort key, value,
   * updated-at); returns the stored row.
   */
  public static final String UPSERT =
      "INSERT INTO key_values ("
          + COLUMNS
          + ") VALUES (?1, ?2, ?3, 1, ?4)"
          + " ON CONFLICT (partition_key, sort_key) DO UPDATE"
          + " SET value_bytes = excluded.value_bytes, version = key_values.version + 1,"
          + " updated_at = excluded.updated_at RETURNING "
          + COLUMNS;

  /** Creates an entry only if none exists ({@link #values}). */
  public static final String INSERT_IF_ABSENT =
      "INSERT INTO key_values ("
          + COLUMNS
          + ") VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (partition_key, sort_key) DO NOTHING";

  /**
   * Replaces an entry only at the expected version ({@link #values}, then the expected version).
   */
  public static final String UPDATE_IF_VERSION =
      "UPDATE key_values SET value_bytes = ?3, version = ?4, updated_at = ?5"
          + " WHERE partition_key = ?1 AND sort_key = ?2 AND version = ?6";

  /** Deletes an entry (partition, sort key). */
  public static final String DELETE =
      "DELETE FROM key_values WHERE partition_key = ?1 AND sort_key = ?2";

  /** Deletes an entry only at the expected version (partition, sort key, expected version). */
  public static final String DELETE_IF_VERSION =
      "DELETE FROM key_values WHERE partition_key = ?1 AND sort_key = ?2 AND version = ?3";

  /**
   * A page of a partition in [prefix, end) after a sort key (partition, prefix, end, after, limit).
   */
  public static final String SELECT_PAGE_IN_RANGE =
      "SELECT "
          + COLUMNS
          + " FROM key_values WHERE partition_key = ?1 AND sort_key >= ?2 AND sort_key < ?3"
          + " AND sort_key > ?4 ORDER BY sort_key LIMIT ?5";

  /** A page of a partition from a prefix on, unbounded above (partition, prefix, after, limit). */
  public static final String SELECT_PAGE_FROM =
      "SELECT "
          + COLUMNS
          + " FROM key_values WHERE partition_key = ?1 AND sort_key >= ?2 AND sort_key > ?3"
          + " ORDER BY sort_key LIMIT ?4";

  /**
   * The bound values of an entry, in column order, then any more.
   *
   * @param e the entry
   * @param more values bound after the entry's
   * @return the values
   */
  public static Object[] values(KeyValueEntry e, Object... more) {
    Object[] values = new Object[5 + more.length];
    values[0] = e.partition();
    values[1] = e.sortKey();
    values[2] = e.value();
    values[3] = e.version();
    values[4] = e.updatedAt();
    System.arraycopy(more, 0, values, 5, more.length);
    return values;
  }

  /**
   * Maps a row of the key-value columns.
   *
   * @param rs the row
   * @return the entry
   * @throws SQLException when a column cannot be read
   */
  public static KeyValueEntry row(ResultSet rs) throws SQLException {
    return Records.keyValue(new SqliteColumns(rs));
  }
}
