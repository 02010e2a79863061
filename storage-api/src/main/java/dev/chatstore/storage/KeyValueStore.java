package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Application state as bytes under a partition key and a sort key, with versions for
 * compare-and-set: the home for state such as encryption ratchets.
 *
 * <p>Keys are 1 to {@value #MAX_KEY} printable ASCII characters ({@code 0x20}-{@code 0x7E}), so
 * sort-key order is plain byte order on every backend. Values are at most {@value #MAX_VALUE}
 * bytes.
 *
 * <p>Every method checks its arguments at call time and touches the database only on subscription;
 * errors are signalled as {@link StorageException}s; cancelling releases the connection.
 * Implementations are thread-safe.
 */
public interface KeyValueStore {

  /** Longest partition or sort key, in characters. */
  int MAX_KEY = 512;

  /** Largest value, in bytes (256 KiB). */
  int MAX_VALUE = 262_144;

  /**
   * Reads an entry.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @return a {@code Mono} that emits the entry, or completes empty when there is none
   */
  Mono<KeyValueEntry> get(String partition, String sortKey);

  /**
   * Writes an entry unconditionally: creates it at version 1 or replaces it with version + 1.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param value the bytes, copied at call time
   * @return a {@code Mono} that emits the stored entry
   */
  Mono<KeyValueEntry> put(String partition, String sortKey, byte[] value);

  /**
   * Writes an entry only if its stored version is the expected one (compare-and-set). Of racing
   * writers with the same expected version exactly one succeeds.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param value the bytes, copied at call time
   * @param expectedVersion the stored version, or 0 to require that no entry exists
   * @return a {@code Mono} that emits the stored entry (version {@code expectedVersion + 1});
   *     signals {@link ConflictException} with {@link ConflictException.Reason#VERSION_MISMATCH}
   *     when the stored version differs (or an entry exists where 0 was expected)
   */
  Mono<KeyValueEntry> put(String partition, String sortKey, byte[] value, long expectedVersion);

  /**
   * Deletes an entry.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @return a {@code Mono} that emits how many entries were deleted: 1, or 0 when there was none
   */
  Mono<Long> delete(String partition, String sortKey);

  /**
   * Deletes an entry only if its stored version is the expected one. Of racing writers with the
   * same expected version at most one succeeds.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param expectedVersion the stored version, 1 or more
   * @return a {@code Mono} that completes once the entry is deleted; signals {@link
   *     ConflictException} with {@link ConflictException.Reason#VERSION_MISMATCH} when the stored
   *     version differs or there is no entry
   */
  Mono<Void> delete(String partition, String sortKey, long expectedVersion);

  /**
   * Pages through the entries of a partition whose sort key starts with a prefix, in sort-key
   * order.
   *
   * @param partition the partition key
   * @param prefix the prefix, possibly empty for the whole partition
   * @param afterSortKey the last sort key of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} entries, ascending by sort key; empty after the
   *     last page
   */
  Flux<KeyValueEntry> page(
      String partition, String prefix, @Nullable String afterSortKey, int limit);

  /**
   * Validates a key as every method here does.
   *
   * @param key the key
   * @param name the argument's name
   * @return the key
   * @throws IllegalArgumentException if empty, too long or not printable ASCII
   */
  static String checkKey(String key, String name) {
    Checks.notNull(key, name);
    if (key.isEmpty() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException(name + " must be 1 to " + MAX_KEY + " characters");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException(name + " must be printable ASCII");
      }
    }
    return key;
  }

  /**
   * Validates a value as every method here does.
   *
   * @param value the bytes
   * @return the bytes
   * @throws IllegalArgumentException if larger than {@value #MAX_VALUE} bytes
   */
  static byte[] checkValue(byte[] value) {
    Checks.notNull(value, "value");
    if (value.length > MAX_VALUE) {
      throw new IllegalArgumentException("value must be at most " + MAX_VALUE + " bytes");
    }
    return value;
  }
}
