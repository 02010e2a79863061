package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.internal.ChangeSignal;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.PostgresDialect;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Storage} over R2DBC (PostgreSQL or H2), with one pool of connections; opened by {@link
 * R2dbcStorageProvider}. A storage bound to a transaction (given to {@link #inTransaction}'s work)
 * runs every statement on that transaction's connection. Thread-safe.
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
public final class R2dbcStorage implements Storage {

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

  private final Db db;
  private final ChangeSignal signal;
  private final Clock clock;
  private final @Nullable ConnectionPool pool;
  private final @Nullable Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final R2dbcUserStore users;
  private final R2dbcChannelStore channels;
  private final R2dbcMessageStore messages;
  private final R2dbcReadStateStore readState;
  private final R2dbcSessionStore sessions;
  private final R2dbcMediaStore media;
  private final R2dbcKeyValueStore keyValues;
  private final R2dbcReactionStore reactions;
  private final R2dbcSearchStore search;
  private final R2dbcRetentionStore retention;
  private final R2dbcAuditStore audit;

  R2dbcStorage(
      Db db,
      ChangeSignal signal,
      Clock clock,
      @Nullable ConnectionPool pool,
      @Nullable Runnable onClose) {
    this.db = db;
    this.signal = signal;
    this.clock = clock;
    this.pool = pool;
    this.onClose = onClose;
    Rows rows = new Rows(db.dialect());
    this.users = new R2dbcUserStore(db, rows, clock);
    this.channels = new R2dbcChannelStore(db, rows, clock);
    this.messages = new R2dbcMessageStore(db, rows, clock, signal);
    this.readState = new R2dbcReadStateStore(db, rows);
    this.sessions = new R2dbcSessionStore(db, rows, clock);
    this.media = new R2dbcMediaStore(db, rows, clock);
    this.keyValues = new R2dbcKeyValueStore(db, rows, clock);
    this.reactions = new R2dbcReactionStore(db, clock);
    this.search = new R2dbcSearchStore(db, rows);
    this.retention = new R2dbcRetentionStore(db, rows, clock);
    this.audit = new R2dbcAuditStore(db, rows);
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public ChannelStore channels() {
    return channels;
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  @Override
  public ReadStateStore readState() {
    return readState;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public MediaStore media() {
    return media;
  }

  @Override
  public KeyValueStore keyValues() {
    return keyValues;
  }

  @Override
  public ReactionStore reactions() {
    return reactions;
  }

  @Override
  public SearchStore search() {
    return search;
  }

  @Override
  public RetentionStore retention() {
    return retention;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public <T> Flux<T> inTransaction(Function<? super Storage, ? extends Publisher<T>> work) {
    Checks.notNull(work, "work");
    if (db.inTransaction()) {
      return Flux.defer(() -> work.apply(this));
    }
    return db.transaction(
        "Storage.inTransaction", tx -> work.apply(new R2dbcStorage(tx, signal, clock, null, null)));
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
    if (pool != null) {
      pool.getMetrics()
          .ifPresent(
              (PoolMetrics m) -> {
                details.put("pool.max", m.getMaxAllocatedSize());
                details.put("pool.allocated", m.allocatedSize());
                details.put("pool.acquired", m.acquiredSize());
                details.put("pool.idle", m.idleSize());
                details.put("pool.pending", m.pendingAcquireSize());
              });
    }
    if (error != null) {
      details.put("error", String.valueOf(error.getMessage()));
    }
    return details;
  }

  @Override
  public Set<Capability> capabilities() {
    return db.dialect().capabilities();
  }

  @Override
  public void close() {
    if (onClose == null || !closed.compareAndSet(false, true)) {
      return;
    }
    signal.close();
    onClose.run();
  }

  /**
   * Test hook (PostgreSQL): while suppressed, this storage's notifications to other processes are
   * dropped instead of sent, as if the process died between its commits and the sends.
   *
   * @param suppressed whether to drop them
   */
  void suppressNotifications(boolean suppressed) {
    if (db.dialect() instanceof PostgresDialect postgres) {
      postgres.notifier().suppress(suppressed);
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
