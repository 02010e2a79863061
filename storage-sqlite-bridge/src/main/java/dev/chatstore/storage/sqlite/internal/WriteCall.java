package dev.chatstore.storage.sqlite.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One write, run on the writer thread inside a transaction and a savepoint of its own.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface WriteCall<T> {

  /**
   * Runs the write.
   *
   * @param context the writer connection and the after-commit hooks
   * @return the result, or null for "nothing" (an empty {@code Mono})
   * @throws SQLException when the driver fails
   */
  @Nullable T call(WriteContext context) throws SQLException;
}
