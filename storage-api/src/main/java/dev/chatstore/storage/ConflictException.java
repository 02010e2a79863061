package dev.chatstore.storage;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Signalled when a write conflicts with what is stored; {@link #reason()} says how. */
public final class ConflictException extends StorageException {

  private static final long serialVersionUID = 1L;

  /** How a write conflicted. */
  public enum Reason {
    /** A unique key (username, email, public key, channel name, ...) is already taken. */
    DUPLICATE_KEY,
    /** The expected version did not match the stored one (optimistic concurrency). */
    VERSION_MISMATCH,
    /** An idempotency key was reused with another payload. */
    IDEMPOTENCY_MISMATCH,
    /** The entity's state forbids the change (for example editing a deleted message). */
    STATE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason how the write conflicted
   * @param message what conflicted, for people
   * @param cause the driver's exception, if any
   */
  public ConflictException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception without a cause.
   *
   * @param reason how the write conflicted
   * @param message what conflicted, for people
   */
  public ConflictException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * How the write conflicted.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
