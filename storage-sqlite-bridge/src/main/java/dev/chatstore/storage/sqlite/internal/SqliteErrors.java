package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.UniqueKeys;
import java.util.concurrent.RejectedExecutionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Translates driver failures into the storage error hierarchy, once, at the bridge's boundary.
 * sqlite-jdbc gives no SQLState: the extended result code decides.
 */
public final class SqliteErrors {

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_CONSTRAINT = 19;

  private SqliteErrors() {}

  /**
   * Translates a failure; storage exceptions pass through unchanged.
   *
   * @param error what the driver or the bridge threw
   * @return the storage exception to signal
   */
  public static StorageException translate(Throwable error) {
    if (error instanceof StorageException storage) {
      return storage;
    }
    if (error instanceof SQLiteException sqlite) {
      return translate(sqlite);
    }
    if (error instanceof RejectedExecutionException) {
      return new TransientStorageException(
          "the SQLite read pool is saturated or closed: retry later", error);
    }
    return new InternalStorageException("SQLite bridge failure: " + error, error);
  }

  private static StorageException translate(SQLiteException e) {
    SQLiteErrorCode code = e.getResultCode();
    String message = String.valueOf(e.getMessage());
    int primary = code == null ? -1 : code.code & 0xFF;
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
        || primary == SQLITE_CONSTRAINT && message.contains("UNIQUE constraint failed")) {
      return UniqueKeys.duplicate(message, e);
    }
    if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY
        || primary == SQLITE_CONSTRAINT && message.contains("FOREIGN KEY constraint failed")) {
      return new InvalidArgumentException("a referenced row does not exist (foreign key)");
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      return new TransientStorageException(
          "the SQLite database is busy (locked beyond the busy timeout): retry later", e);
    }
    return new InternalStorageException("SQLite failure: " + message, e);
  }
}
