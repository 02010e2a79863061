package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link KeyValueStore} over R2DBC, with compare-and-set by version. Thread-safe. */
public final class R2dbcKeyValueStore implements KeyValueStore {

  /** Above every printable ASCII character: the exclusive end of a prefix range. */
  private static final String AFTER_PRINTABLE = "\u007f";

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final String casReturning;
  private final String upsert;

  R2dbcKeyValueStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.casReturning =
        db.dialect().returning(R2dbcSql.UPDATE_KEY_VALUE_IF_VERSION, R2dbcSql.KEY_VALUE_COLUMNS);
    this.upsert = db.dialect().upsertKeyValue();
  }

  @Override
  public Mono<KeyValueEntry> get(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return db.read(
            "KeyValueStore.get", R2dbcSql.SELECT_KEY_VALUE, 2, rows::keyValue, partition, sortKey)
        .next();
  }

  @Override
  public Mono<KeyValueEntry> put(String partition, String sortKey, byte[] value) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    String op = "KeyValueStore.put";
    Mono<KeyValueEntry> once =
        db.transaction(
                op,
                tx ->
                    tx.write(op, upsert, partition, sortKey, copy, R2dbcStorage.now(clock))
                        .then(
                            tx.read(
                                    op,
                                    R2dbcSql.SELECT_KEY_VALUE,
                                    2,
                                    rows::keyValue,
                                    partition,
                                    sortKey)
                                .next()))
            .next();
    // two first writes of one key can race to insert (H2's MERGE): the loser writes again
    return once.onErrorResume(
        e -> !db.inTransaction() && Errors.isDuplicateOf(e, "pk_key_values"), e -> once);
  }

  @Override
  public Mono<KeyValueEntry> put(
      String partition, String sortKey, byte[] value, long expectedVersion) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    byte[] copy = KeyValueStore.checkValue(value).clone();
    Checks.notNegative(expectedVersion, "expectedVersion");
    String op = "KeyValueStore.put";
    if (expectedVersion == 0) {
      return Mono.defer(
          () -> {
            Instant now = R2dbcStorage.now(clock);
            return db.write(op, R2dbcSql.INSERT_KEY_VALUE, partition, sortKey, copy, now)
                .thenReturn(new KeyValueEntry(partition, sortKey, copy, 1, now))
                .onErrorMap(
                    e -> Errors.isDuplicateOf(e, "pk_key_values"),
                    e -> mismatch(partition, sortKey, expectedVersion));
          });
    }
    return Mono.defer(
        () ->
            db.queryOne(
                    op,
                    casReturning,
                    rows::keyValue,
                    partition,
                    sortKey,
                    copy,
                    expectedVersion,
                    R2dbcStorage.now(clock))
                .switchIfEmpty(Mono.error(() -> mismatch(partition, sortKey, expectedVersion))));
  }

  private static ConflictException mismatch(String partition, String sortKey, long expected) {
    return new ConflictException(
        ConflictException.Reason.VERSION_MISMATCH,
        "entry "
            + Checks.clip(partition)
            + "/"
            + Checks.clip(sortKey)
            + (expected == 0 ? " already exists" : " is not at version " + expected));
  }

  @Override
  public Mono<Long> delete(String partition, String sortKey) {
    KeyValueStore.checkKey(partition, "partition");
    KeyValueStore.checkKey(sortKey, "sortKey");
    return db.write("KeyValueStore.delete", R2dbcSql.DELETE_KEY_VALUE, partition, sortKey);
  }

  @Override
  public Flux<KeyValueEntry> page(
      String partition, String prefix, @Nullable String afterSortKey, int limit) {
    KeyValueStore.checkKey(partition, "partition");
    Checks.notNull(prefix, "prefix");
    if (!prefix.isEmpty()) {
      KeyValueStore.checkKey(prefix, "prefix");
    }
    Checks.limit(limit);
    String end = prefix + AFTER_PRINTABLE;
    String op = "KeyValueStore.page";
    if (afterSortKey == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_KEY_VALUES_FIRST_PAGE,
          limit + 1,
          rows::keyValue,
          partition,
          prefix,
          end,
          limit);
    }
    KeyValueStore.checkKey(afterSortKey, "afterSortKey");
    return db.read(
        op,
        R2dbcSql.SELECT_KEY_VALUES_PAGE_AFTER,
        limit + 1,
        rows::keyValue,
        partition,
        prefix,
        end,
        afterSortKey,
        limit);
  }
}
