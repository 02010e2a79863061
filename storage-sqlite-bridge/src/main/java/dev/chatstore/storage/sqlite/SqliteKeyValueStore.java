package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.internal.AbstractKeyValueStore;
import dev.chatstore.storage.internal.KeyRanges;
import dev.chatstore.storage.sqlite.internal.KeyValueSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.KeyValueStore} on SQLite: the hooks, one statement each; the
 * conditional writes run on the single writer. Thread-safe.
 */
public final class SqliteKeyValueStore extends AbstractKeyValueStore {

  private final SqlExecutor db;

  SqliteKeyValueStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<KeyValueEntry> selectEntry(String partition, String sortKey) {
    return db.read(
        "KeyValueStore.get", c -> one(c, KeyValueSql.SELECT, KeyValueSql::row, partition, sortKey));
  }

  @Override
  protected Mono<KeyValueEntry> upsertEntry(
      String partition, String sortKey, byte[] value, Instant now) {
    return db.write(
        "KeyValueStore.put",
        w ->
            one(
                w.connection(),
                KeyValueSql.UPSERT,
                KeyValueSql::row,
                partition,
                sortKey,
                value,
                now));
  }

  @Override
  protected Mono<Long> insertEntryIfAbsent(KeyValueEntry e) {
    return db.write(
        "KeyValueStore.put",
        w -> (long) execute(w.connection(), KeyValueSql.INSERT_IF_ABSENT, KeyValueSql.values(e)));
  }

  @Override
  protected Mono<Long> updateEntryIfVersion(KeyValueEntry e, long expectedVersion) {
    Object[] values = KeyValueSql.values(e, expectedVersion);
    return db.write(
        "KeyValueStore.put",
        w -> (long) execute(w.connection(), KeyValueSql.UPDATE_IF_VERSION, values));
  }

  @Override
  protected Mono<Long> deleteEntry(String partition, String sortKey) {
    return db.write(
        "KeyValueStore.delete",
        w -> (long) execute(w.connection(), KeyValueSql.DELETE, partition, sortKey));
  }

  @Override
  protected Mono<Long> deleteEntryIfVersion(String partition, String sortKey, long expected) {
    return db.write(
        "KeyValueStore.delete",
        w ->
            (long)
                execute(
                    w.connection(), KeyValueSql.DELETE_IF_VERSION, partition, sortKey, expected));
  }

  @Override
  protected Flux<KeyValueEntry> selectEntries(
      String partition, KeyRanges.Range range, @Nullable String afterSortKey, int limit) {
    // every key is longer than "": as the keyset of a first page it excludes nothing
    String after = afterSortKey == null ? "" : afterSortKey;
    String end = range.end();
    return db.read(
            "KeyValueStore.page",
            c ->
                end == null
                    ? list(
                        c,
                        KeyValueSql.SELECT_PAGE_FROM,
                        KeyValueSql::row,
                        partition,
                        range.prefix(),
                        after,
                        limit)
                    : list(
                        c,
                        KeyValueSql.SELECT_PAGE_IN_RANGE,
                        KeyValueSql::row,
                        partition,
                        range.prefix(),
                        end,
                        after,
                        limit))
        .flatMapIterable(rows -> rows);
  }
}
