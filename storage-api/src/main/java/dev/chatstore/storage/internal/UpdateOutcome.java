package dev.chatstore.storage.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a version-checked update hook found, in its unit of work: the updated record, or the version
 * stored instead of the expected one, or no record at all. A key-value engine makes the update a
 * write conditioned on the version and reads the version when the condition fails.
 *
 * @param updated the updated record, or null when nothing was updated
 * @param storedVersion the stored version when nothing was updated (at least 1), 0 when there is no
 *     record; 0 when updated
 * @param <T> the record type
 */
public record UpdateOutcome<T>(@Nullable T updated, long storedVersion) {

  /**
   * Checks that exactly one of the two is given.
   *
   * @param updated the updated record or null
   * @param storedVersion the stored version
   */
  public UpdateOutcome {
    Checks.notNegative(storedVersion, "storedVersion");
    if (updated != null && storedVersion != 0) {
      throw new IllegalArgumentException("an updated record comes without a stored version");
    }
  }

  /**
   * The update was made.
   *
   * @param value the record as stored afterwards
   * @param <T> the record type
   * @return the outcome
   */
  public static <T> UpdateOutcome<T> updated(T value) {
    return new UpdateOutcome<>(Checks.notNull(value, "value"), 0);
  }

  /**
   * The record is at another version; nothing was changed.
   *
   * @param storedVersion the stored version, at least 1
   * @param <T> the record type
   * @return the outcome
   */
  public static <T> UpdateOutcome<T> stale(long storedVersion) {
    if (storedVersion < 1) {
      throw new IllegalArgumentException("storedVersion must be at least 1, got " + storedVersion);
    }
    return new UpdateOutcome<>(null, storedVersion);
  }

  /**
   * There is no such record.
   *
   * @param <T> the record type
   * @return the outcome
   */
  public static <T> UpdateOutcome<T> missing() {
    return new UpdateOutcome<>(null, 0);
  }

  /**
   * Nothing was updated: stale when a version is stored, missing when none is.
   *
   * @param storedVersion the stored version, or null when there is no record
   * @param <T> the record type
   * @return the outcome
   */
  public static <T> UpdateOutcome<T> notUpdated(@Nullable Long storedVersion) {
    return storedVersion == null ? missing() : stale(storedVersion);
  }

  /**
   * The updated record, or the error of the outcome: {@link Failures#notFound} when missing, {@link
   * Failures#versionMismatch} when stale.
   *
   * @param kind what the record is, such as {@code user}
   * @param id its id
   * @param expectedVersion the version the caller expected
   * @return a {@code Mono} of the record, or of the error
   */
  public Mono<T> orFailure(String kind, Object id, long expectedVersion) {
    if (updated != null) {
      return Mono.just(updated);
    }
    return Mono.error(
        storedVersion == 0
            ? Failures.notFound(kind, id)
            : Failures.versionMismatch(kind, id, storedVersion, expectedVersion));
  }
}
