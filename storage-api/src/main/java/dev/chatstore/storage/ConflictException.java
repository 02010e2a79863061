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
  private final @Nullable String field;

  /**
   * Creates the exception.
   *
   * @param reason how the write conflicted
   * @param message what conflicted, for people
   * @param cause the driver's exception, if any
   */
  public ConflictException(Reason reason, String message, @Nullable Throwable cause) {
    this(reason, null, message, cause);
  }

  /**
   * Creates the exception naming the field that conflicted.
   *
   * @param reason how the write conflicted
   * @param field the record field whose value is taken or stale (such as {@code username}), or null
   *     when no single field is to blame
   * @param message what conflicted, for people
   * @param cause the driver's exception, if any
   */
  public ConflictException(
      Reason reason, @Nullable String field, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.field = field;
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

  /**
   * The record field that conflicted, named as in the record ({@code username}, {@code email},
   * {@code publicKey}, {@code name}, {@code clientTxnId}, {@code version}), when one is to blame.
   *
   * @return the field, or empty
   */
  public java.util.Optional<String> field() {
    return java.util.Optional.ofNullable(field);
  }
}
