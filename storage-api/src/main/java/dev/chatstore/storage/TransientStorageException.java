package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;

/**
 * Signalled when the operation failed for a reason that may pass: the database is busy, a
 * serialization failure, a lost connection, an exhausted pool or a full write queue. Nothing was
 * changed; retrying later may succeed.
 */
public final class TransientStorageException extends StorageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the driver's exception, if any
   */
  public TransientStorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
