package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.ThreadSql;
import java.time.Clock;
import java.time.Duration;
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
 * {@link RetentionStore} over R2DBC. A purge walks the channels with a policy by keyset on their
 * id, and each channel's expired messages by keyset on their position, in batches of its own
 * transaction: the batch takes the channel's row lock (as posting and purging do), deletes its
 * messages (reactions, edit history and thread counters of purged roots go by ON DELETE CASCADE;
 * PostgreSQL's search index follows the rows), recounts the roots that lost replies, and audits
 * each message, in that one transaction. Thread-safe.
 */
public final class R2dbcRetentionStore implements RetentionStore {

  /** Largest batch: bounds a transaction's locks and the memory of one batch. */
  private static final int MAX_BATCH = 10_000;

  private static final int POLICY_PAGE = Checks.MAX_LIMIT;

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final String upsertRetention;

  R2dbcRetentionStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.upsertRetention = db.dialect().upsertRetention();
  }

  @Override
  public Mono<Channel> setPolicy(ChannelId channel, @Nullable Duration keep) {
    Checks.notNull(channel, "channel");
    Duration checked = RetentionStore.checkKeep(keep);
    String op = "RetentionStore.setPolicy";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx ->
                        tx.write(op, R2dbcSql.LOCK_CHANNEL, channel.value())
                            .flatMap(
                                n ->
                                    n == 0
                                        ? Mono.error(new NotFoundException("no channel " + channel))
                                        : checked == null
                                            ? tx.write(
                                                op, R2dbcSql.DELETE_RETENTION, channel.value())
                                            : tx.write(
                                                op,
                                                upsertRetention,
                                                channel.value(),
                                                checked.getSeconds()))
                            .then(
                                Mono.defer(
                                    () ->
                                        R2dbcAuditStore.append(
                                            tx,
                                            op,
                                            R2dbcStorage.now(clock),
                                            channel,
                                            Actor.from(ctx).orElse(null),
                                            AuditAction.RETENTION_CHANGED,
                                            null,
                                            null,
                                            "keep="
                                                + (checked == null
                                                    ? "forever"
                                                    : checked.toString()))))
                            .then(
                                tx.read(
                                        op,
                                        R2dbcSql.SELECT_CHANNEL_BY_ID,
                                        2,
                                        rows::channel,
                                        channel.value())
                                    .next()))
                .next());
  }

  @Override
  public Mono<RetentionReport> purgeExpired(Instant now, int batchSize) {
    Checks.notNull(now, "now");
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException(
          "batchSize must be from 1 to " + MAX_BATCH + ", got " + batchSize);
    }
    Instant at = Checks.micros(now);
    return policies(null)
        .expand(
            page ->
                page.size() < POLICY_PAGE
                    ? Mono.empty()
                    : policies(page.get(page.size() - 1).channel()))
        .concatMapIterable(page -> page)
        .concatMap(policy -> purgeChannel(policy, at, batchSize))
        .reduce(
            new RetentionReport(0, 0, 0),
            (total, one) ->
                new RetentionReport(
                    total.channels() + one.channels(),
                    total.messagesPurged() + one.messagesPurged(),
                    total.batches() + one.batches()));
  }

  private record Policy(ChannelId channel, long keepSeconds) {}

  private record Batch(long purged, long lastSeq) {}

  private record Expired(UUID id, @Nullable UUID parent, long seq) {}

  private Mono<List<Policy>> policies(@Nullable ChannelId after) {
    String op = "RetentionStore.purgeExpired";
    Flux<Policy> page =
        after == null
            ? db.read(
                op, R2dbcSql.SELECT_POLICIES_FIRST_PAGE, POLICY_PAGE + 1, this::policy, POLICY_PAGE)
            : db.read(
                op,
                R2dbcSql.SELECT_POLICIES_PAGE_AFTER,
                POLICY_PAGE + 1,
                this::policy,
                after.value(),
                POLICY_PAGE);
    return page.collectList();
  }

  private Policy policy(io.r2dbc.spi.Readable row) {
    return new Policy(ChannelId.of(rows.uuid(row, "channel_id")), Rows.number(row, "keep_seconds"));
  }

  private Mono<RetentionReport> purgeChannel(Policy policy, Instant now, int batchSize) {
    Instant cutoff = now.minusSeconds(policy.keepSeconds());
    return batch(policy.channel(), 0, cutoff, batchSize)
        .expand(
            done ->
                done.purged() < batchSize
                    ? Mono.empty()
                    : batch(policy.channel(), done.lastSeq(), cutoff, batchSize))
        .filter(done -> done.purged() > 0)
        .reduce(
            new RetentionReport(1, 0, 0),
            (total, done) ->
                new RetentionReport(
                    1, total.messagesPurged() + done.purged(), total.batches() + 1));
  }

  private Mono<Batch> batch(ChannelId channel, long afterSeq, Instant cutoff, int batchSize) {
    String op = "RetentionStore.purgeExpired";
    return db.transaction(
            op,
            tx ->
                tx.write(op, R2dbcSql.LOCK_CHANNEL, channel.value())
                    .flatMap(
                        locked ->
                            locked == 0
                                // deleted meanwhile: nothing left to purge
                                ? Mono.just(List.<Expired>of())
                                : tx.read(
                                        op,
                                        R2dbcSql.SELECT_EXPIRED_BATCH,
                                        Math.min(batchSize + 1, Db.MAX_FETCH),
                                        row ->
                                            new Expired(
                                                rows.uuid(row, "id"),
                                                rows.optionalUuid(row, "parent_id"),
                                                Rows.number(row, "seq")),
                                        channel.value(),
                                        afterSeq,
                                        cutoff,
                                        batchSize)
                                    .collectList())
                    .flatMap(
                        expired ->
                            expired.isEmpty()
                                ? Mono.just(new Batch(0, afterSeq))
                                : purge(tx, channel, afterSeq, cutoff, expired)))
        .next();
  }

  private Mono<Batch> purge(
      Db tx, ChannelId channel, long afterSeq, Instant cutoff, List<Expired> expired) {
    String op = "RetentionStore.purgeExpired";
    long lastSeq = expired.get(expired.size() - 1).seq();
    Set<UUID> purged = new HashSet<>();
    Set<UUID> roots = new LinkedHashSet<>();
    for (Expired message : expired) {
      purged.add(message.id());
    }
    for (Expired message : expired) {
      if (message.parent() != null && !purged.contains(message.parent())) {
        roots.add(message.parent());
      }
    }
    Instant at = R2dbcStorage.now(clock);
    List<Object[]> recounts = new ArrayList<>();
    roots.forEach(root -> recounts.add(new Object[] {root}));
    List<Object[]> audits = new ArrayList<>();
    for (Expired message : expired) {
      audits.add(
          R2dbcAuditStore.values(
              at, channel, null, AuditAction.MESSAGE_PURGED, null, MessageId.of(message.id()), ""));
    }
    return tx.write(op, R2dbcSql.DELETE_EXPIRED_BATCH, channel.value(), afterSeq, lastSeq, cutoff)
        .then(tx.writeEach(op, ThreadSql.RECOUNT, recounts))
        .then(tx.writeEach(op, R2dbcSql.INSERT_AUDIT, audits))
        .thenReturn(new Batch(expired.size(), lastSeq));
  }
}
