package dev.chatstore.storage.r2dbc.internal;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Maps rows to records, through the dialect's types. Stateless apart from the dialect. */
public final class Rows {

  private final Dialect dialect;

  /**
   * Creates the mapper.
   *
   * @param dialect the dialect
   */
  public Rows(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Reads one row by column name, for {@code Records}.
   *
   * @param row the row
   * @return its column reader
   */
  public R2dbcColumns columns(Readable row) {
    return new R2dbcColumns(row, dialect);
  }

  /**
   * Reads the first column as a long.
   *
   * @param row the row
   * @return the value
   */
  public static long firstLong(Readable row) {
    Number value = row.get(0, Number.class);
    return Objects.requireNonNull(value, "column 0").longValue();
  }

  /**
   * Reads a UUID column that may be null.
   *
   * @param row the row
   * @param column the column
   * @return the UUID or null
   */
  public @Nullable UUID optionalUuid(Readable row, String column) {
    return dialect.uuid(row, column);
  }

  /**
   * Reads a UUID column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the UUID
   */
  public UUID uuid(Readable row, String column) {
    return Objects.requireNonNull(dialect.uuid(row, column), column);
  }

  /**
   * Reads an instant column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the instant
   */
  public Instant instant(Readable row, String column) {
    return Objects.requireNonNull(dialect.instant(row, column), column);
  }

  /**
   * Reads an instant column that may be null.
   *
   * @param row the row
   * @param column the column
   * @return the instant or null
   */
  public @Nullable Instant optionalInstant(Readable row, String column) {
    return dialect.instant(row, column);
  }

  /**
   * Reads a text column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the text
   */
  public static String string(Readable row, String column) {
    return Objects.requireNonNull(row.get(column, String.class), column);
  }

  /**
   * Reads a BIGINT column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the value
   */
  public static long number(Readable row, String column) {
    // every number column is a BIGINT: asking for Long takes both drivers' direct codec
    return Objects.requireNonNull(row.get(column, Long.class), column);
  }
}
