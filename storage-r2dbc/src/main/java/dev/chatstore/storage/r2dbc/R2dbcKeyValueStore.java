package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.internal.AbstractKeyValueStore;
import dev.chatstore.storage.internal.KeyRanges;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.KeyValueSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.KeyValueStore} over R2DBC: the hooks, each one statement (the
 * upsert: one statement and its read-back in one transaction). Thread-safe.
 */
public final class R2dbcKeyValueStore extends AbstractKeyValueStore {

  private static final String PK = "pk_key_values";

  private final Db db;
  private final KeyValueSql sql;
  private final String upsert;

  R2dbcKeyValueStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.sql = new KeyValueSql(rows, db.dialect());
    this.upsert = db.dialect().upsertKeyValue();
  }

  @Override
  protected Mono<KeyValueEntry> selectEntry(String partition, String sortKey) {
    return db.read("KeyValueStore.get", KeyValueSql.SELECT, 2, sql::row, partition, sortKey).next();
  }

  @Override
  protected Mono<KeyValueEntry> upsertEntry(
      String partition, String sortKey, byte[] value, Instant now) {
    String op = "KeyValueStore.put";
    Mono<KeyValueEntry> once =
        db.transaction(
                op,
                tx ->
                    tx.write(op, upsert, partition, sortKey, value, now)
                        .then(
                            tx.read(op, KeyValueSql.SELECT, 2, sql::row, partition, sortKey)
                                .next()))
            .next();
    // two first writes of one key can race to insert (H2's MERGE): the loser writes again
    return once.onErrorResume(e -> !db.inTransaction() && Errors.isDuplicateOf(e, PK), e -> once);
  }

  @Override
  protected Mono<Long> insertEntryIfAbsent(KeyValueEntry e) {
    return db.write("KeyValueStore.put", KeyValueSql.INSERT, KeyValueSql.values(e))
        .onErrorResume(error -> Errors.isDuplicateOf(error, PK), error -> Mono.just(0L));
  }

  @Override
  protected Mono<Long> updateEntryIfVersion(KeyValueEntry e, long expectedVersion) {
    return db.write(
        "KeyValueStore.put", KeyValueSql.UPDATE_IF_VERSION, KeyValueSql.values(e, expectedVersion));
  }

  @Override
  protected Mono<Long> deleteEntry(String partition, String sortKey) {
    return db.write("KeyValueStore.delete", KeyValueSql.DELETE, partition, sortKey);
  }

  @Override
  protected Mono<Long> deleteEntryIfVersion(String partition, String sortKey, long expected) {
    return db.write(
        "KeyValueStore.delete", KeyValueSql.DELETE_IF_VERSION, partition, sortKey, expected);
  }

  @Override
  protected Flux<KeyValueEntry> selectEntries(
      String partition, KeyRanges.Range range, @Nullable String afterSortKey, int limit) {
    // every key is longer than "": as the keyset of a first page it excludes nothing
    String after = afterSortKey == null ? "" : afterSortKey;
    String end = range.end();
    String op = "KeyValueStore.page";
    return end == null
        ? db.read(
            op,
            KeyValueSql.SELECT_PAGE_FROM,
            limit + 1,
            sql::row,
            partition,
            range.prefix(),
            after,
            limit)
        : db.read(
            op,
            KeyValueSql.SELECT_PAGE_IN_RANGE,
            limit + 1,
            sql::row,
            partition,
            range.prefix(),
            end,
            after,
            limit);
  }
}
