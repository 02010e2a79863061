package dev.chatstore.storage.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result, read by column name in the types of the records: each backend implements it
 * once over its driver's row (JDBC {@code ResultSet}, R2DBC {@code Readable}), and {@link Records}
 * builds every record from it once for all backends. Not thread-safe: a view of one row.
 *
 * @param <E> what reading a column may throw ({@code SQLException} over JDBC, unchecked over R2DBC)
 */
public interface ColumnReader<E extends Exception> {

  /**
   * The error for a column that must not be null but is.
   *
   * @param column the column's name
   * @return the error to throw
   */
  E missing(String column);

  /**
   * A nullable text column.
   *
   * @param column the column's name
   * @return the text, or null
   * @throws E when the column cannot be read
   */
  @Nullable String optionalString(String column) throws E;

  /**
   * A nullable UUID column.
   *
   * @param column the column's name
   * @return the UUID, or null
   * @throws E when the column cannot be read
   */
  @Nullable UUID optionalUuid(String column) throws E;

  /**
   * A nullable instant column.
   *
   * @param column the column's name
   * @return the instant, or null
   * @throws E when the column cannot be read
   */
  @Nullable Instant optionalInstant(String column) throws E;

  /**
   * A nullable integer column.
   *
   * @param column the column's name
   * @return the number, or null
   * @throws E when the column cannot be read
   */
  @Nullable Long optionalNumber(String column) throws E;

  /**
   * A non-null integer column.
   *
   * @param column the column's name
   * @return the number
   * @throws E when the column cannot be read
   */
  long number(String column) throws E;

  /**
   * A non-null boolean column.
   *
   * @param column the column's name
   * @return the flag
   * @throws E when the column cannot be read
   */
  boolean flag(String column) throws E;

  /**
   * A binary column; empty when null.
   *
   * @param column the column's name
   * @return the bytes
   * @throws E when the column cannot be read
   */
  byte[] bytes(String column) throws E;

  /**
   * A non-null text column.
   *
   * @param column the column's name
   * @return the text
   * @throws E when the column cannot be read or is null
   */
  default String string(String column) throws E {
    return require(optionalString(column), column);
  }

  /**
   * A non-null UUID column.
   *
   * @param column the column's name
   * @return the UUID
   * @throws E when the column cannot be read or is null
   */
  default UUID uuid(String column) throws E {
    return require(optionalUuid(column), column);
  }

  /**
   * A non-null instant column.
   *
   * @param column the column's name
   * @return the instant
   * @throws E when the column cannot be read or is null
   */
  default Instant instant(String column) throws E {
    return require(optionalInstant(column), column);
  }

  /**
   * A value that must not be null.
   *
   * @param value the value read
   * @param column the column's name
   * @param <T> its type
   * @return the value
   * @throws E when it is null ({@link #missing})
   */
  private <T> T require(@Nullable T value, String column) throws E {
    if (value == null) {
      throw missing(column);
    }
    return value;
  }
}
