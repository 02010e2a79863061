package dev.chatstore.storage.internal;

import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.KeyValueStore;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link KeyValueStore}, written once: key and value checks, the entry a write stores
 * (its version and time), the prefix range ({@link KeyRanges}) and the version-conflict error.
 * Every hook touches one item, so a key-value engine implements each with one single-item write: an
 * upsert that increments the version, a put-if-absent, a compare-and-set by version, a delete and a
 * delete-if-version (DynamoDB: {@code UpdateItem}, {@code PutItem} with {@code
 * attribute_not_exists}, {@code PutItem} or {@code DeleteItem} with {@code version = :expected}).
 * Thread-safe when the hooks are.
 */
public abstract class AbstractKeyValueStore implements KeyValueStore {

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractKeyValueStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<KeyValueEntry> get(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return Mono.defer(() -> selectEntry(partition, sortKey));
  }

  @Override
  public final Mono<KeyValueEntry> put(String partition, String sortKey, byte[] value) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    return Mono.defer(() -> upsertEntry(partition, sortKey, copy, Instants.now(clock)));
  }

  @Override
  public final Mono<KeyValueEntry> put(
      String partition, String sortKey, byte[] value, long expectedVersion) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    Checks.notNegative(expectedVersion, "expectedVersion");
    return Mono.defer(
        () -> {
          KeyValueEntry entry =
              new KeyValueEntry(partition, sortKey, copy, expectedVersion + 1, Instants.now(clock));
          Mono<Long> written =
              expectedVersion == 0
                  ? insertEntryIfAbsent(entry)
                  : updateEntryIfVersion(entry, expectedVersion);
          return written.flatMap(
              n ->
                  n == 0
                      ? Mono.error(
                          Failures.keyValueVersionMismatch(partition, sortKey, expectedVersion))
                      : Mono.just(entry));
        });
  }

  @Override
  public final Mono<Long> delete(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return Mono.defer(() -> deleteEntry(partition, sortKey));
  }

  @Override
  public final Mono<Void> delete(String partition, String sortKey, long expectedVersion) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    Checks.version(expectedVersion);
    return Mono.defer(
        () ->
            deleteEntryIfVersion(partition, sortKey, expectedVersion)
                .flatMap(
                    n ->
                        n == 0
                            ? Mono.error(
                                Failures.keyValueVersionMismatch(
                                    partition, sortKey, expectedVersion))
                            : Mono.<Void>empty()));
  }

  @Override
  public final Flux<KeyValueEntry> page(
      String partition, String prefix, @Nullable String afterSortKey, int limit) {
    KeyValueStore.checkKey(partition, "partition");
    Checks.notNull(prefix, "prefix");
    if (!prefix.isEmpty()) {
      KeyValueStore.checkKey(prefix, "prefix");
    }
    if (afterSortKey != null) {
      KeyValueStore.checkKey(afterSortKey, "afterSortKey");
    }
    Checks.limit(limit);
    KeyRanges.Range range = KeyRanges.prefixRange(prefix);
    return Flux.defer(() -> selectEntries(partition, range, afterSortKey, limit));
  }

  /**
   * Reads one entry.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @return a {@code Mono} of the entry, empty when there is none
   */
  protected abstract Mono<KeyValueEntry> selectEntry(String partition, String sortKey);

  /**
   * Writes an entry unconditionally, in one single-item write: creates it at version 1 or replaces
   * its value and time and increments its version.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param value the bytes (owned by the hook)
   * @param now the write's time
   * @return a {@code Mono} of the entry as stored
   */
  protected abstract Mono<KeyValueEntry> upsertEntry(
      String partition, String sortKey, byte[] value, Instant now);

  /**
   * Creates an entry (version 1) only if none exists: a put-if-absent.
   *
   * @param entry the entry to store
   * @return a {@code Mono} of the number of entries written: 1, or 0 when one exists
   */
  protected abstract Mono<Long> insertEntryIfAbsent(KeyValueEntry entry);

  /**
   * Replaces an entry only if its stored version is {@code expectedVersion}: a compare-and-set.
   *
   * @param entry the entry to store, at version {@code expectedVersion + 1}
   * @param expectedVersion the version that must be stored, 1 or more
   * @return a {@code Mono} of the number of entries written: 1, or 0 when the stored version
   *     differs or there is no entry
   */
  protected abstract Mono<Long> updateEntryIfVersion(KeyValueEntry entry, long expectedVersion);

  /**
   * Deletes an entry.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @return a {@code Mono} of the number of entries deleted: 1 or 0
   */
  protected abstract Mono<Long> deleteEntry(String partition, String sortKey);

  /**
   * Deletes an entry only if its stored version is {@code expectedVersion}.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param expectedVersion the version that must be stored, 1 or more
   * @return a {@code Mono} of the number of entries deleted: 1, or 0 when the stored version
   *     differs or there is no entry
   */
  protected abstract Mono<Long> deleteEntryIfVersion(
      String partition, String sortKey, long expectedVersion);

  /**
   * Reads a page of a partition's entries in a key range, ascending by sort key in code point
   * order. A key-value engine queries {@code begins_with(sortKey, range.prefix())}; SQL compares
   * with the range's bounds.
   *
   * @param partition the partition key
   * @param range the sort keys to read: from {@code range.prefix()} (inclusive) to {@code
   *     range.end()} (exclusive; null for no upper bound)
   * @param afterSortKey only keys above this one, or null for the first page
   * @param limit the most entries, 1 to 500
   * @return a {@code Flux} of at most {@code limit} entries
   */
  protected abstract Flux<KeyValueEntry> selectEntries(
      String partition, KeyRanges.Range range, @Nullable String afterSortKey, int limit);
}
