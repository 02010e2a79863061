package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;

/** Signalled for failures that fit no other kind: a bug, a broken database, a failed migration. */
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
