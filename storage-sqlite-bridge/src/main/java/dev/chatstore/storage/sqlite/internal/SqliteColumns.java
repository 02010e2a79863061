package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.internal.ColumnReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ColumnReader} of this backend over the current row of a {@code ResultSet}, through
 * {@link Columns}: ids as UUID text, instants as integer microseconds, booleans as 0 or 1.
 *
 * @param rs the result, positioned on the row
 */
public record SqliteColumns(ResultSet rs) implements ColumnReader<SQLException> {

  @Override
  public SQLException missing(String column) {
    return new SQLException("column " + column + " is unexpectedly null");
  }

  @Override
  public @Nullable String optionalString(String column) throws SQLException {
    return Columns.optionalString(rs, column);
  }

  @Override
  public @Nullable UUID optionalUuid(String column) throws SQLException {
    return Columns.optionalUuid(rs, column);
  }

  @Override
  public @Nullable Instant optionalInstant(String column) throws SQLException {
    return Columns.optionalInstant(rs, column);
  }

  @Override
  public @Nullable Long optionalNumber(String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  @Override
  public long number(String column) throws SQLException {
    return Columns.number(rs, column);
  }

  @Override
  public boolean flag(String column) throws SQLException {
    return rs.getLong(column) != 0;
  }

  @Override
  public byte[] bytes(String column) throws SQLException {
    byte[] value = rs.getBytes(column);
    return value == null ? new byte[0] : value;
  }
}
