package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.internal.Records;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code key_values} table over R2DBC: its statements, its column list and its row mapping.
 * PostgreSQL compares keys with {@code COLLATE "C"} (UTF-8 byte order, the code point order of
 * {@link dev.chatstore.storage.internal.KeyRanges}); H2 compares UTF-16 units, which agrees for
 * every key the contract allows (printable ASCII). The unconditional upsert differs by database and
 * stays in {@link Dialect#upsertKeyValue}.
 */
public final class KeyValueSql {

  /** The columns {@link #row} reads. */
  public static final String COLUMNS = "partition_key, sort_key, value_bytes, version, updated_at";

  /** One entry (partition, sort key). */
  public static final String SELECT =
      "SELECT " + COLUMNS + " FROM key_values WHERE partition_key = $1 AND sort_key = $2";

  /**
   * Creates an entry; a duplicate key when one exists (partition, sort key, value, version, at).
   */
  public static final String INSERT =
      "INSERT INTO key_values (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5)";

  /**
   * Replaces an entry only at the expected version ({@link #values}, then the expected version).
   */
  public static final String UPDATE_IF_VERSION =
      "UPDATE key_values SET value_bytes = $3, version = $4, updated_at = $5"
          + " WHERE partition_key = $1 AND sort_key = $2 AND version = $6";

  /** Deletes an entry (partition, sort key). */
  public static final String DELETE =
      "DELETE FROM key_values WHERE partition_key = $1 AND sort_key = $2";

  /** Deletes an entry only at the expected version (partition, sort key, expected version). */
  public static final String DELETE_IF_VERSION =
      "DELETE FROM key_values WHERE partition_key = $1 AND sort_key = $2 AND version = $3";

  /** A page in [prefix, end) after a sort key (partition, prefix, end, after, limit). */
  public static final String SELECT_PAGE_IN_RANGE =
      "SELECT "
          + COLUMNS
          + " FROM key_values WHERE partition_key = $1 AND sort_key >= $2 AND sort_key < $3"
          + " AND sort_key > $4 ORDER BY sort_key LIMIT $5";

  /** A page from a prefix on, unbounded above (partition, prefix, after, limit). */
  public static final String SELECT_PAGE_FROM =
      "SELECT "
          + COLUMNS
          + " FROM key_values WHERE partition_key = $1 AND sort_key >= $2 AND sort_key > $3"
          + " ORDER BY sort_key LIMIT $4";

  private final Rows rows;
  private final Dialect dialect;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   * @param dialect the dialect, for binary columns
   */
  public KeyValueSql(Rows rows, Dialect dialect) {
    this.rows = rows;
    this.dialect = dialect;
  }

  /**
   * The bound values of an entry, in the order of {@link #COLUMNS}, then any more.
   *
   * @param e the entry
   * @param more values bound after the entry's
   * @return the values
   */
  public static Object[] values(KeyValueEntry e, Object... more) {
    List<Object> values = new ArrayList<>(List.of(e.partition(), e.sortKey(), e.value()));
    values.add(e.version());
    values.add(e.updatedAt());
    values.addAll(List.of(more));
    return values.toArray();
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the entry
   */
  public KeyValueEntry row(Readable row) {
    return Records.keyValue(rows.columns(row));
  }
}
