package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.internal.ColumnReader;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ColumnReader} of this backend over one R2DBC row, through the dialect's types.
 *
 * @param row the row
 * @param dialect how ids and instants are stored
 */
public record R2dbcColumns(Readable row, Dialect dialect)
    implements ColumnReader<RuntimeException> {

  @Override
  public RuntimeException missing(String column) {
    return new NullPointerException(column);
  }

  @Override
  public @Nullable String optionalString(String column) {
    return row.get(column, String.class);
  }

  @Override
  public @Nullable UUID optionalUuid(String column) {
    return dialect.uuid(row, column);
  }

  @Override
  public @Nullable Instant optionalInstant(String column) {
    return dialect.instant(row, column);
  }

  @Override
  public @Nullable Long optionalNumber(String column) {
    Number value = row.get(column, Number.class);
    return value == null ? null : value.longValue();
  }

  @Override
  public long number(String column) {
    return Rows.number(row, column);
  }

  @Override
  public boolean flag(String column) {
    return Boolean.TRUE.equals(row.get(column, Boolean.class));
  }

  @Override
  public byte[] bytes(String column) {
    byte[] value = dialect.bytes(row, column);
    return value == null ? new byte[0] : value;
  }
}
