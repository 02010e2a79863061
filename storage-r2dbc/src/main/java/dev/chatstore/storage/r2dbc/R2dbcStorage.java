package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.internal.StorageShell;
import dev.chatstore.storage.internal.Stores;
import dev.chatstore.storage.r2dbc.internal.Backend;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.PgChangeFeed;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import io.r2dbc.pool.PoolMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Storage} over R2DBC (PostgreSQL or H2), with one pool of connections; opened by {@link
 * R2dbcStorageProvider}. The storage given to {@link #inTransaction}'s work is the same stores over
 * an executor bound to that transaction's connection ({@link StorageShell}). Thread-safe.
 *
 * <p><b>Follow on PostgreSQL.</b> Followers of this storage are woken directly after a post's (or
 * an enclosing transaction's) commit. Other processes (other storages on the same database) are
 * woken by {@code NOTIFY}, sent after the commit, not inside the posting transaction: a NOTIFY in
 * the transaction would make PostgreSQL commit every post one at a time (it holds its notification
 * queue lock until the commit is flushed). One background connection per storage sends a single
 * notification per channel for all the posts committed since its previous send. The trade: delivery
 * to other processes happens after the commit, normally within milliseconds, and <em>at most {@code
 * followSafetyWakeUp} (default 10 s) late</em> if the posting process died between its commit and
 * the send (or {@link #close()} came first): every listener wakes all its followers that often, and
 * each re-reads the table from its position. Followers never trust notification payloads, so they
 * still see every message exactly once and in order; only the latency of that rare case changes.
 * With {@code followSafetyWakeUp=0} such a message waits for the next notification of its channel
 * instead. The safety wake-up costs one keyset read per follower per period.
 */
public final class R2dbcStorage extends StorageShell {

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  private final Backend backend;
  private final Db db;
  private final Clock clock;

  R2dbcStorage(Backend backend, Clock clock) {
    super(stores(backend.db(), clock, backend.feed()));
    this.backend = backend;
    this.db = backend.db();
    this.clock = clock;
  }

  /** The stores factory: the same stores over the pool, or over one transaction's connection. */
  private static Stores stores(Db db, Clock clock, ChangeFeed feed) {
    Rows rows = new Rows(db.dialect());
    return new Stores(
        new R2dbcUserStore(db, rows, clock),
        new R2dbcChannelStore(db, rows, clock),
        new R2dbcMessageStore(db, rows, clock, feed),
        new R2dbcReadStateStore(db, rows),
        new R2dbcSessionStore(db, rows, clock),
        new R2dbcMediaStore(db, rows, clock),
        new R2dbcKeyValueStore(db, rows, clock),
        new R2dbcReactionStore(db, clock),
        new R2dbcSearchStore(db, rows),
        new R2dbcRetentionStore(db, rows, clock),
        new R2dbcAuditStore(db, rows));
  }

  @Override
  protected <T> Flux<T> transaction(Function<? super Storage, ? extends Publisher<T>> work) {
    return db.transaction(
        "Storage.inTransaction", tx -> work.apply(bound(stores(tx, clock, backend.feed()))));
  }

  @Override
  public Mono<Health> health() {
    return db.read("Storage.health", R2dbcSql.SELECT_ONE, 2, Rows::firstLong)
        .next()
        .timeout(HEALTH_TIMEOUT)
        .map(one -> new Health(true, db.dialect().name(), details(null)))
        .onErrorResume(e -> Mono.just(new Health(false, db.dialect().name(), details(e))));
  }

  private Map<String, Object> details(@Nullable Throwable error) {
    Map<String, Object> details = new LinkedHashMap<>();
    backend
        .pool()
        .getMetrics()
        .ifPresent(
            (PoolMetrics m) -> {
              details.put("pool.max", m.getMaxAllocatedSize());
              details.put("pool.allocated", m.allocatedSize());
              details.put("pool.acquired", m.acquiredSize());
              details.put("pool.idle", m.idleSize());
              details.put("pool.pending", m.pendingAcquireSize());
            });
    if (error != null) {
      details.put("error", String.valueOf(error.getMessage()));
    }
    return details;
  }

  @Override
  public Set<Capability> capabilities() {
    return db.dialect().capabilities();
  }

  /**
   * Releases the storage on the first {@link #close()}: followers complete, the feed's connections
   * and the pool close; later calls signal {@link InternalStorageException} ("the storage is
   * closed"; not transient: a closed storage stays closed).
   */
  @Override
  protected void release() {
    backend.release().run();
  }

  /**
   * Test hook (PostgreSQL): while suppressed, this storage's notifications to other processes are
   * dropped instead of sent, as if the process died between its commits and the sends.
   *
   * @param suppressed whether to drop them
   */
  void suppressNotifications(boolean suppressed) {
    if (backend.feed() instanceof PgChangeFeed postgres) {
      postgres.suppressNotifications(suppressed);
    }
  }

  /**
   * Now, from the storage's clock, truncated to the microseconds every backend stores.
   *
   * @param clock the clock
   * @return the instant
   */
  static Instant now(Clock clock) {
    return Checks.micros(clock.instant());
  }

  /**
   * Completes when exactly one row changed, signals {@link NotFoundException} when none did.
   *
   * @param count the rows changed
   * @param notFound what was not found
   * @return a {@code Mono} that completes or signals
   */
  static Mono<Void> one(Mono<Long> count, Supplier<String> notFound) {
    return count.flatMap(
        n -> n == 0 ? Mono.<Void>error(new NotFoundException(notFound.get())) : Mono.<Void>empty());
  }
}
