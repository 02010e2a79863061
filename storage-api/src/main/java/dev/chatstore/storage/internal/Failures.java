package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.UserId;

/**
 * The one source of the storage's error texts. Every backend signals the same case with the same
 * type and the same words, and the TCK compares them; a text changes here or nowhere.
 *
 * <p>Conventions: not-found texts read "{@code <kind> <id> not found}"; a reference to a missing
 * row in an argument is an invalid argument, "{@code <kind> <id> does not exist}"; conflicts name
 * the field to blame through {@link ConflictException#field()}.
 */
public final class Failures {

  private Failures() {}

  /**
   * An entity that the operation addresses is absent.
   *
   * @param kind what it is, such as {@code channel}
   * @param id its id
   * @return the exception
   */
  public static NotFoundException notFound(String kind, Object id) {
    return new NotFoundException(kind + " " + id + " not found");
  }

  /**
   * The channel the operation addresses does not exist.
   *
   * @param channel the channel
   * @return the exception
   */
  public static NotFoundException channelNotFound(ChannelId channel) {
    return notFound("channel", channel);
  }

  /**
   * The message the operation addresses does not exist.
   *
   * @param message the message
   * @return the exception
   */
  public static NotFoundException messageNotFound(MessageId message) {
    return notFound("message", message);
  }

  /**
   * The user the operation addresses does not exist.
   *
   * @param user the user
   * @return the exception
   */
  public static NotFoundException userNotFound(UserId user) {
    return notFound("user", user);
  }

  /**
   * A user is not a member of a channel.
   *
   * @param user the user
   * @param channel the channel
   * @return the exception
   */
  public static NotFoundException notAMember(UserId user, ChannelId channel) {
    return new NotFoundException("user " + user + " is not a member of channel " + channel);
  }

  /**
   * An argument refers to a row that does not exist.
   *
   * @param kind what it refers to, such as {@code user}
   * @param id the id it names
   * @return the exception
   */
  public static InvalidArgumentException missingReference(String kind, Object id) {
    return new InvalidArgumentException(kind + " " + id + " does not exist");
  }

  /**
   * A reply's parent is missing or in another channel.
   *
   * @param parent the parent
   * @param channel the reply's channel
   * @return the exception
   */
  public static InvalidArgumentException parentNotInChannel(MessageId parent, ChannelId channel) {
    return new InvalidArgumentException(
        "parent message " + parent + " does not exist in channel " + channel);
  }

  /**
   * An argument's value is not allowed once the stored state is known (a time in the past, say).
   *
   * @param message what is wrong, naming the argument
   * @return the exception
   */
  public static InvalidArgumentException invalid(String message) {
    return new InvalidArgumentException(message);
  }

  /**
   * A unique value is taken.
   *
   * @param field the record field, such as {@code username}
   * @param cause the driver's exception, if any
   * @return the exception
   */
  public static ConflictException duplicate(
      String field, @org.jspecify.annotations.Nullable Throwable cause) {
    return new ConflictException(
        ConflictException.Reason.DUPLICATE_KEY, field, field + " is already taken", cause);
  }

  /**
   * The stored version is not the expected one.
   *
   * @param kind what it is, such as {@code message}
   * @param id its id
   * @param current the stored version
   * @param expected the version the caller expected
   * @return the exception
   */
  public static ConflictException versionMismatch(
      String kind, Object id, long current, long expected) {
    return new ConflictException(
        ConflictException.Reason.VERSION_MISMATCH,
        "version",
        kind + " " + id + " is at version " + current + ", not " + expected,
        null);
  }

  /**
   * An idempotency key was used by the same author for another request.
   *
   * @param key the key
   * @return the exception
   */
  public static ConflictException idempotencyMismatch(String key) {
    return new ConflictException(
        ConflictException.Reason.IDEMPOTENCY_MISMATCH,
        "clientTxnId",
        "idempotency key '"
            + Checks.clip(key)
            + "' was already used by this author with another"
            + " payload",
        null);
  }

  /**
   * The entity's state forbids the change.
   *
   * @param what the entity and its state, such as {@code message X is deleted}
   * @return the exception
   */
  public static ConflictException state(String what) {
    return new ConflictException(ConflictException.Reason.STATE, null, what, null);
  }

  /**
   * Follow was asked for inside a transaction.
   *
   * @return the exception
   */
  public static InvalidArgumentException followInTransaction() {
    return new InvalidArgumentException("follow is not available inside a transaction");
  }

  // ---- messages, threads, edits, read state (add new factories of this area below)

  /**
   * An edit addressed a tombstone.
   *
   * @param message the deleted message
   * @return the exception
   */
  public static ConflictException messageDeleted(MessageId message) {
    return state("message " + message + " is deleted");
  }

  // ---- channels, memberships, users (add new factories of this area below)

  /**
   * A change would leave a channel without an owner: demoting or removing its last owner.
   *
   * @param channel the channel
   * @return the exception, a {@link ConflictException.Reason#STATE} conflict naming the field
   *     {@code role}
   */
  public static ConflictException lastOwner(ChannelId channel) {
    return new ConflictException(
        ConflictException.Reason.STATE,
        "role",
        "channel " + channel + " must keep at least one owner",
        null);
  }

  /**
   * A unique value is taken, and the driver's report names no key of the schema.
   *
   * @param cause the driver's exception
   * @return the exception, naming no field
   */
  public static ConflictException duplicateOfUnknownKey(
      @org.jspecify.annotations.Nullable Throwable cause) {
    return new ConflictException(
        ConflictException.Reason.DUPLICATE_KEY, null, "a unique value is already taken", cause);
  }

  // ---- key-values, media, reactions, search, retention, audit (add new factories below)

  /**
   * A key-value entry is not at the version a conditional write or delete expected.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param expected the version the caller expected; 0 means "no entry"
   * @return the exception, naming the field {@code version}
   */
  public static ConflictException keyValueVersionMismatch(
      String partition, String sortKey, long expected) {
    return new ConflictException(
        ConflictException.Reason.VERSION_MISMATCH,
        "version",
        "entry "
            + Checks.clip(partition)
            + "/"
            + Checks.clip(sortKey)
            + (expected == 0 ? " already exists" : " is not at version " + expected),
        null);
  }

  // ---- storage lifecycle, transactions, change feed (add new factories below)

  /**
   * The storage was closed before or during the operation. Not transient: a closed storage stays
   * closed, so retrying never helps; the same text on every backend.
   *
   * @param cause what reported it (a refused read, a shut-down pool), if anything
   * @return the exception
   */
  public static InternalStorageException closed(
      @org.jspecify.annotations.Nullable Throwable cause) {
    return new InternalStorageException("the storage is closed", cause);
  }

  /**
   * The database is owned by another storage (in this or another process), which holds its lock.
   * Not transient: it stays so until that storage is closed, which a retry cannot know.
   *
   * @param database the database, such as its file
   * @param lock the lock that is held, such as the lock file
   * @return the exception
   */
  public static InternalStorageException inUse(Object database, Object lock) {
    return new InternalStorageException(
        "the database "
            + database
            + " is in use by another chatstore storage (in this or another process): its lock "
            + lock
            + " is held. One process owns the database; close the other storage first.",
        null);
  }
}
