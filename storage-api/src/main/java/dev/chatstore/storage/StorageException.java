package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;

/**
 * The one error type that storage publishers signal. Driver exceptions never escape a backend: each
 * is translated, once, into one of the permitted subclasses, and the conformance suite checks that
 * every backend signals the same subclass for the same case.
 *
 * <ul>
 *   <li>{@link NotFoundException}: the thing addressed does not exist.
 *   <li>{@link ConflictException}: a duplicate key, a version mismatch, an idempotency key reused
 *       with another payload, or a state that forbids the change.
 *   <li>{@link InvalidArgumentException}: the arguments are well-formed but the data makes them
 *       invalid (a parent message in another channel, a member that does not exist).
 *   <li>{@link TransientStorageException}: busy, serialization failure, lost connection, pool or
 *       queue exhausted: retrying later may succeed.
 *   <li>{@link InternalStorageException}: anything else, where retrying does not help: a bug, a
 *       broken database, a storage that is closed ("the storage is closed", the same text on every
 *       backend), or a database owned by another storage (a SQLite file whose lock another process
 *       holds).
 * </ul>
 *
 * <p>Arguments that can be checked without I/O are not signalled with this type: methods throw
 * {@link NullPointerException} or {@link IllegalArgumentException} at call time.
 */
public abstract sealed class StorageException extends RuntimeException
    permits NotFoundException,
        ConflictException,
        InvalidArgumentException,
        TransientStorageException,
        InternalStorageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, for people
   * @param cause the underlying cause, if any
   */
  protected StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether retrying the same operation later may succeed.
   *
   * @return true for {@link TransientStorageException}
   */
  public boolean isTransient() {
    return false;
  }
}
