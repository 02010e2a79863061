package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link KeyValueStore} on SQLite. Keys are printable ASCII, so SQLite's binary text order is the
 * sort-key order; a prefix query reads the key range {@code [prefix, prefix with its last character
 * incremented)}. Compare-and-set is a conditional write on the single writer. Thread-safe.
 */
public final class SqliteKeyValueStore implements KeyValueStore {

  /** Greater than every key: keys are printable ASCII, at most 0x7E. */
  private static final String AFTER_EVERY_KEY = "\u007f";

  private final SqlExecutor db;
  private final Clock clock;

  SqliteKeyValueStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<KeyValueEntry> get(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return db.read(
        "KeyValueStore.get",
        c -> one(c, SqliteSql.SELECT_KEY_VALUE, SqliteRows::keyValue, partition, sortKey));
  }

  @Override
  public Mono<KeyValueEntry> put(String partition, String sortKey, byte[] value) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    return db.write(
        "KeyValueStore.put",
        w ->
            one(
                w.connection(),
                SqliteSql.UPSERT_KEY_VALUE,
                SqliteRows::keyValue,
                partition,
                sortKey,
                copy,
                SqliteRows.now(clock)));
  }

  @Override
  public Mono<KeyValueEntry> put(
      String partition, String sortKey, byte[] value, long expectedVersion) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    Checks.notNegative(expectedVersion, "expectedVersion");
    return db.write(
        "KeyValueStore.put",
        w -> {
          KeyValueEntry stored =
              expectedVersion == 0
                  ? one(
                      w.connection(),
                      SqliteSql.INSERT_KEY_VALUE_IF_ABSENT,
                      SqliteRows::keyValue,
                      partition,
                      sortKey,
                      copy,
                      SqliteRows.now(clock))
                  : one(
                      w.connection(),
                      SqliteSql.UPDATE_KEY_VALUE_IF_VERSION,
                      SqliteRows::keyValue,
                      copy,
                      SqliteRows.now(clock),
                      partition,
                      sortKey,
                      expectedVersion);
          if (stored == null) {
            throw new ConflictException(
                ConflictException.Reason.VERSION_MISMATCH,
                "key "
                    + partition
                    + "/"
                    + Checks.clip(sortKey)
                    + (expectedVersion == 0
                        ? " already exists"
                        : " is not at version " + expectedVersion));
          }
          return stored;
        });
  }

  @Override
  public Mono<Long> delete(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return db.write(
        "KeyValueStore.delete",
        w -> (long) execute(w.connection(), SqliteSql.DELETE_KEY_VALUE, partition, sortKey));
  }

  @Override
  public Flux<KeyValueEntry> page(
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
    String upper =
        prefix.isEmpty()
            ? AFTER_EVERY_KEY
            : prefix.substring(0, prefix.length() - 1)
                + (char) (prefix.charAt(prefix.length() - 1) + 1);
    String after = afterSortKey == null ? "" : afterSortKey;
    return db.read(
            "KeyValueStore.page",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_KEY_VALUES_RANGE,
                    SqliteRows::keyValue,
                    partition,
                    prefix,
                    upper,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }
}
