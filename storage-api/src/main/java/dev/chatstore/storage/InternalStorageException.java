package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;

/**
 * Signalled for failures that fit no other kind and that retrying does not cure: a bug, a broken
 * database, a failed migration, a call on a closed storage, or a database owned by another storage
 * (a SQLite file locked by another process).
 */
public final class InternalStorageException extends StorageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying cause, if any
   */
  public InternalStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
