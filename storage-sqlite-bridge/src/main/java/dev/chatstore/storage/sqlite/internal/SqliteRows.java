package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Row mapping and value binding: UUIDs as canonical lower-case text, instants as integer
 * microseconds since the epoch, booleans as 0 or 1, enums by name.
 */
public final class SqliteRows {

  private SqliteRows() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    /**
     * Maps a row.
     *
     * @param rs the result set, on a row
     * @return the value
     * @throws SQLException when a column cannot be read
     */
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * Runs a prepared query and maps its first row.
   *
   * @param c the connection
   * @param sql the query
   * @param mapper maps the row
   * @param args the bound values (see {@link #bind})
   * @param <T> the row type
   * @return the first row, or null when there is none
   * @throws SQLException when the driver fails
   */
  public static <T> @Nullable T one(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? mapper.map(rs) : null;
      }
    }
  }

  /**
   * Runs a prepared query and maps every row.
   *
   * @param c the connection
   * @param sql the query
   * @param mapper maps a row
   * @param args the bound values
   * @param <T> the row type
   * @return the rows, in order
   * @throws SQLException when the driver fails
   */
  public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /**
   * Runs a prepared statement that returns no rows.
   *
   * @param c the connection
   * @param sql the statement
   * @param args the bound values
   * @return the number of rows changed
   * @throws SQLException when the driver fails
   */
  public static int execute(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /**
   * Binds values: ids and UUIDs as text, instants as microseconds, booleans as 0/1, enums by name,
   * {@link Null} as SQL NULL of its type.
   *
   * @param ps the statement
   * @param args the values
   * @throws SQLException when binding fails
   */
  public static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      int index = i + 1;
      if (a instanceof Null n) {
        ps.setNull(index, n.sqlType);
      } else if (a instanceof String s) {
        ps.setString(index, s);
      } else if (a instanceof Long l) {
        ps.setLong(index, l);
      } else if (a instanceof Double d) {
        ps.setDouble(index, d);
      } else if (a instanceof Integer n) {
        ps.setInt(index, n);
      } else if (a instanceof Boolean b) {
        ps.setInt(index, b ? 1 : 0);
      } else if (a instanceof Instant t) {
        ps.setLong(index, micros(t));
      } else if (a instanceof byte[] bytes) {
        ps.setBytes(index, bytes);
      } else if (a instanceof Enum<?> e) {
        ps.setString(index, e.name());
      } else if (a instanceof UUID u) {
        ps.setString(index, u.toString());
      } else if (a instanceof UserId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof ChannelId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof MessageId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof SessionId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof AuditId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof MediaId id) {
        ps.setString(index, id.toString());
      } else if (a instanceof TokenHash h) {
        ps.setString(index, h.hex());
      } else {
        throw new IllegalArgumentException("cannot bind " + a.getClass().getName());
      }
    }
  }

  /** A typed SQL NULL for {@link #bind}. */
  public static final class Null {
    /** A NULL text. */
    public static final Null TEXT = new Null(Types.VARCHAR);

    /** A NULL integer. */
    public static final Null INTEGER = new Null(Types.BIGINT);

    private final int sqlType;

    private Null(int sqlType) {
      this.sqlType = sqlType;
    }
  }

  /**
   * A value, or typed NULL text when absent.
   *
   * @param value the value or null
   * @return something {@link #bind} accepts
   */
  public static Object orNull(@Nullable Object value) {
    return value == null ? Null.TEXT : value;
  }

  /**
   * An instant, or typed NULL integer when absent.
   *
   * @param value the instant or null
   * @return something {@link #bind} accepts
   */
  public static Object orNullInstant(@Nullable Instant value) {
    return value == null ? Null.INTEGER : value;
  }

  /**
   * Now on a clock, truncated to microseconds.
   *
   * @param clock the clock
   * @return the instant
   */
  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * An instant as microseconds since the epoch.
   *
   * @param instant the instant
   * @return the microseconds
   */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /**
   * Microseconds since the epoch as an instant.
   *
   * @param micros the microseconds
   * @return the instant
   */
  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
