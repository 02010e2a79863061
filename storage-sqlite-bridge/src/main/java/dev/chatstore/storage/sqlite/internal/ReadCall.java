package dev.chatstore.storage.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One short piece of JDBC work on a connection the bridge lends for its duration.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface ReadCall<T> {

  /**
   * Runs the work.
   *
   * @param connection the connection, valid only during the call
   * @return the result, or null for "nothing" (an empty {@code Mono})
   * @throws SQLException when the driver fails
   */
  @Nullable T call(Connection connection) throws SQLException;
}
