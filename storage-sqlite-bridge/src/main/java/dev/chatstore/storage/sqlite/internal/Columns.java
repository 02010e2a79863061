package dev.chatstore.storage.sqlite.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads columns by name, in the storage types of this backend: ids as UUID text, instants as
 * integer microseconds since the epoch. Row mappers use these and never a column position.
 */
public final class Columns {

  private Columns() {}

  /**
   * A non-null UUID column.
   *
   * @param rs the row
   * @param column the column's name
   * @return the UUID
   * @throws SQLException when the column cannot be read
   */
  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return UUID.fromString(string(rs, column));
  }

  /**
   * A nullable UUID column.
   *
   * @param rs the row
   * @param column the column's name
   * @return the UUID, or null
   * @throws SQLException when the column cannot be read
   */
  public static @Nullable UUID optionalUuid(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : UUID.fromString(text);
  }

  /**
   * A non-null text column.
   *
   * @param rs the row
   * @param column the column's name
   * @return the text
   * @throws SQLException when the column cannot be read or is null
   */
  public static String string(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    if (text == null) {
      throw new SQLException("column " + column + " is unexpectedly null");
    }
    return text;
  }

  /**
   * A nullable text column.
   *
   * @param rs the row
   * @param column the column's name
   * @return the text, or null
   * @throws SQLException when the column cannot be read
   */
  public static @Nullable String optionalString(ResultSet rs, String column) throws SQLException {
    return rs.getString(column);
  }

  /**
   * A non-null integer column.
   *
   * @param rs the row
   * @param column the column's name
   * @return the number
   * @throws SQLException when the column cannot be read
   */
  public static long number(ResultSet rs, String column) throws SQLException {
    return rs.getLong(column);
  }

  /**
   * A non-null instant column (integer microseconds).
   *
   * @param rs the row
   * @param column the column's name
   * @return the instant
   * @throws SQLException when the column cannot be read
   */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return SqliteRows.instant(rs.getLong(column));
  }

  /**
   * A nullable instant column (integer microseconds).
   *
   * @param rs the row
   * @param column the column's name
   * @return the instant, or null
   * @throws SQLException when the column cannot be read
   */
  public static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : SqliteRows.instant(value);
  }
}
