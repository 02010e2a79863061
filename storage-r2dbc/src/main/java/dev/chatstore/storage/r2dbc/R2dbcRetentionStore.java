package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.internal.AbstractRetentionStore;
import dev.chatstore.storage.r2dbc.internal.AuditSql;
import dev.chatstore.storage.r2dbc.internal.ChannelSql;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.RetentionSql;
import dev.chatstore.storage.r2dbc.internal.RetentionSql.Expired;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.ThreadSql;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.RetentionStore} over R2DBC: the hooks. A batch is one transaction:
 * it takes the channel's row lock (as posting and purging do), deletes its messages (reactions,
 * edit history and thread counters of purged roots go by ON DELETE CASCADE; PostgreSQL's search
 * index follows the rows), recounts the roots that lost replies, and audits each message.
 * Thread-safe.
 */
public final class R2dbcRetentionStore extends AbstractRetentionStore {

  private static final String PURGE = "RetentionStore.purgeExpired";

  private final Db db;
  private final Rows rows;
  private final RetentionSql sql;
  private final String upsertRetention;

  private final ChannelSql channels;

  R2dbcRetentionStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.rows = rows;
    this.sql = new RetentionSql(rows);
    this.channels = new ChannelSql(rows);
    this.upsertRetention = db.dialect().upsertRetention();
  }

  @Override
  protected Mono<Channel> writePolicy(
      ChannelId channel, @Nullable Long keepSeconds, AuditEntry audit) {
    String op = "RetentionStore.setPolicy";
    return db.transaction(
            op,
            tx ->
                tx.write(op, R2dbcSql.LOCK_CHANNEL, channel.value())
                    .filter(locked -> locked > 0)
                    .flatMap(
                        locked ->
                            (keepSeconds == null
                                    ? tx.write(op, RetentionSql.DELETE, channel.value())
                                    : tx.write(op, upsertRetention, channel.value(), keepSeconds))
                                .then(tx.write(op, AuditSql.INSERT, AuditSql.values(audit)))
                                .then(
                                    tx.read(
                                            op,
                                            ChannelSql.SELECT_BY_ID,
                                            2,
                                            channels::row,
                                            channel.value())
                                        .next())))
        .next();
  }

  @Override
  protected Flux<Policy> selectPolicies(@Nullable ChannelId after, int limit) {
    return after == null
        ? db.read(PURGE, RetentionSql.SELECT_POLICIES_FIRST_PAGE, limit + 1, sql::policy, limit)
        : db.read(
            PURGE,
            RetentionSql.SELECT_POLICIES_PAGE_AFTER,
            limit + 1,
            sql::policy,
            after.value(),
            limit);
  }

  @Override
  protected Mono<Batch> purgeBatch(
      ChannelId channel, Instant cutoff, long afterSeq, int batchSize, Instant now) {
    return db.transaction(
            PURGE,
            tx ->
                tx.write(PURGE, R2dbcSql.LOCK_CHANNEL, channel.value())
                    .flatMap(
                        locked ->
                            locked == 0
                                // deleted meanwhile: nothing left to purge
                                ? Mono.just(List.<Expired>of())
                                : tx.read(
                                        PURGE,
                                        RetentionSql.SELECT_EXPIRED_BATCH,
                                        Math.min(batchSize + 1, Db.MAX_FETCH),
                                        sql::expired,
                                        channel.value(),
                                        afterSeq,
                                        cutoff,
                                        batchSize)
                                    .collectList())
                    .flatMap(
                        expired ->
                            expired.isEmpty()
                                ? Mono.just(new Batch(0, afterSeq))
                                : purge(tx, channel, afterSeq, cutoff, expired, now)))
        .next();
  }

  private Mono<Batch> purge(
      Db tx, ChannelId channel, long afterSeq, Instant cutoff, List<Expired> expired, Instant now) {
    long lastSeq = expired.get(expired.size() - 1).seq();
    Set<UUID> purged = new HashSet<>();
    expired.forEach(message -> purged.add(message.id()));
    // the roots that lose replies and stay: their counters are recounted
    Set<UUID> roots = new LinkedHashSet<>();
    for (Expired message : expired) {
      if (message.parent() != null && !purged.contains(message.parent())) {
        roots.add(message.parent());
      }
    }
    List<Object[]> recounts = new ArrayList<>();
    roots.forEach(root -> recounts.add(new Object[] {root}));
    List<Object[]> audits = new ArrayList<>();
    for (Expired message : expired) {
      audits.add(AuditSql.values(purgedEntry(now, channel, MessageId.of(message.id()))));
    }
    return tx.write(
            PURGE, RetentionSql.DELETE_EXPIRED_BATCH, channel.value(), afterSeq, lastSeq, cutoff)
        .then(tx.writeEach(PURGE, ThreadSql.RECOUNT, recounts))
        .then(tx.writeEach(PURGE, AuditSql.INSERT, audits))
        .thenReturn(new Batch(expired.size(), lastSeq));
  }
}
