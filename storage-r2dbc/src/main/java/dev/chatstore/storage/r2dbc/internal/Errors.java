package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.Failures;
import dev.chatstore.storage.internal.UniqueKeys;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolShutdownException;

/**
 * Translates driver and pool failures into the sealed {@link StorageException} hierarchy, once, at
 * the backend's boundary, by SQLState where there is one. Driver exceptions never escape.
 */
public final class Errors {

  private Errors() {}

  /**
   * Translates a failure of an operation.
   *
   * @param error the failure
   * @param operation the store and method, such as {@code UserStore.create}
   * @return a storage exception; the same one if it already is one
   */
  public static StorageException translate(Throwable error, String operation) {
    if (error instanceof StorageException storage) {
      return storage;
    }
    if (isPoolExhausted(error)) {
      return new TransientStorageException(
          operation + ": no database connection available (pool exhausted): " + error.getMessage(),
          error);
    }
    if (error instanceof PoolShutdownException) {
      return Failures.closed(error);
    }
    if (error instanceof R2dbcException r2dbc) {
      String state = r2dbc.getSqlState() == null ? "" : r2dbc.getSqlState();
      String message = String.valueOf(r2dbc.getMessage());
      if (state.equals("23505")) {
        return UniqueKeys.duplicate(message, error);
      }
      if (state.equals("23503") || state.equals("23506")) {
        return new InvalidArgumentException(
            operation + ": a referenced row does not exist (" + message + ")");
      }
      if (isTransientState(state)
          || error instanceof R2dbcTransientException
          || error instanceof R2dbcTimeoutException
          || isLostConnection(r2dbc)) {
        return new TransientStorageException(
            operation + ": transient failure, retry later (" + state + " " + message + ")", error);
      }
      return new InternalStorageException(
          operation + ": database error " + state + ": " + message, error);
    }
    if (error instanceof IOException || error instanceof TimeoutException) {
      return new TransientStorageException(
          operation + ": lost connection to the database: " + error.getMessage(), error);
    }
    return new InternalStorageException(operation + ": " + error, error);
  }

  /**
   * Whether a translated failure may be retried by an idempotent operation: transient, but not an
   * exhausted pool (retrying would only add load and wait).
   *
   * @param error the translated failure
   * @return true to retry
   */
  public static boolean retryable(Throwable error) {
    return error instanceof TransientStorageException
        && error.getCause() != null
        && !isPoolExhausted(error.getCause());
  }

  /**
   * Whether a translated failure is a duplicate of a given key ({@link UniqueKeys#isDuplicateOf}).
   *
   * @param error the failure
   * @param key the constraint or index name, lower case, one of {@link UniqueKeys#all}
   * @return true when it is a duplicate of that key
   */
  public static boolean isDuplicateOf(Throwable error, String key) {
    return UniqueKeys.isDuplicateOf(error, key);
  }

  /**
   * Whether a failure comes from the driver, the pool or the network rather than from application
   * code.
   *
   * @param error a failure
   * @return true when it must be translated
   */
  public static boolean isDriverError(Throwable error) {
    if (error instanceof StorageException) {
      return false;
    }
    String type = error.getClass().getName();
    return error instanceof R2dbcException
        || error instanceof IOException
        || error instanceof TimeoutException
        || type.startsWith("io.r2dbc.")
        || type.startsWith("io.netty.")
        || type.startsWith("reactor.pool.")
        || type.startsWith("reactor.netty.")
        || type.startsWith("org.h2.");
  }

  private static boolean isPoolExhausted(Throwable error) {
    return error instanceof PoolAcquirePendingLimitException
        || error instanceof R2dbcTimeoutException
            && String.valueOf(error.getMessage()).contains("acquisition");
  }

  private static boolean isTransientState(String state) {
    return state.equals("40001") // serialization failure
        || state.equals("40P01") // deadlock (PostgreSQL)
        || state.startsWith("08") // connection exceptions
        || state.equals("57P01") // admin shutdown (pg_terminate_backend)
        || state.equals("57P02") // crash shutdown
        || state.equals("57P03") // cannot connect now
        || state.equals("53300") // too many connections
        || state.equals("55P03") // lock not available
        || state.equals("57014") // query cancelled (statement timeout)
        || state.equals("HYT00") // H2 lock timeout
        || state.equals("90131"); // H2 concurrent update
  }

  private static boolean isLostConnection(R2dbcException error) {
    String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
    return error instanceof R2dbcNonTransientResourceException
        && (message.contains("connection") || message.contains("closed"));
  }
}
