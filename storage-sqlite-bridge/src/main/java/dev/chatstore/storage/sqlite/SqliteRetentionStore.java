package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.ChannelSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link RetentionStore} on SQLite. The purge walks each channel with a policy by position in
 * keyset batches; each batch is one write of the writer (its own transaction, or a savepoint of a
 * group commit), so a purge never holds the writer for long and other writes interleave.
 * Thread-safe.
 */
public final class SqliteRetentionStore implements RetentionStore {

  private static final int MAX_BATCH = 10_000;

  private final SqlExecutor db;
  private final Clock clock;

  SqliteRetentionStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<Channel> setPolicy(ChannelId channel, @Nullable Duration keep) {
    Checks.notNull(channel, "channel");
    Duration checked = RetentionStore.checkKeep(keep);
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              "RetentionStore.setPolicy",
              w -> {
                Channel current =
                    one(w.connection(), ChannelSql.SELECT_BY_ID, ChannelSql::row, channel);
                if (current == null) {
                  throw new NotFoundException("channel " + channel + " not found");
                }
                if (checked == null) {
                  execute(w.connection(), SqliteSql.DELETE_RETENTION, channel);
                } else {
                  execute(
                      w.connection(), SqliteSql.UPSERT_RETENTION, channel, checked.getSeconds());
                }
                SqliteAuditStore.append(
                    w.connection(),
                    SqliteRows.now(clock),
                    channel,
                    actor,
                    AuditAction.RETENTION_CHANGED,
                    null,
                    null,
                    "keep=" + (checked == null ? "forever" : checked.toString()));
                return one(w.connection(), ChannelSql.SELECT_BY_ID, ChannelSql::row, channel);
              });
        });
  }

  private record Policy(ChannelId channel, long keepSeconds) {}

  private record Batch(long purged, long lastSeq) {}

  @Override
  public Mono<RetentionReport> purgeExpired(Instant now, int batchSize) {
    Checks.notNull(now, "now");
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException(
          "batchSize must be from 1 to " + MAX_BATCH + ", got " + batchSize);
    }
    return db.read(
            "RetentionStore.policies",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_RETENTIONS,
                    rs -> new Policy(ChannelId.parse(rs.getString(1)), rs.getLong(2))))
        .flatMap(
            policies ->
                Flux.fromIterable(policies)
                    .concatMap(p -> purgeChannel(p, now, batchSize))
                    .reduce(
                        new long[2],
                        (acc, batch) -> {
                          acc[0] += batch.purged();
                          acc[1]++;
                          return acc;
                        })
                    .map(acc -> new RetentionReport(policies.size(), acc[0], acc[1])));
  }

  /** The non-empty batches of one channel, each its own write, until one comes back short. */
  private Flux<Batch> purgeChannel(Policy policy, Instant now, int batchSize) {
    Instant cutoff = now.minusSeconds(policy.keepSeconds());
    return batch(policy.channel(), cutoff, 0, batchSize)
        .expand(
            done ->
                done.purged() < batchSize
                    ? Mono.empty()
                    : batch(policy.channel(), cutoff, done.lastSeq(), batchSize))
        .filter(done -> done.purged() > 0);
  }

  private Mono<Batch> batch(ChannelId channel, Instant cutoff, long afterSeq, int batchSize) {
    return db.write(
        "RetentionStore.purgeExpired",
        w -> {
          List<Object[]> expired =
              list(
                  w.connection(),
                  SqliteSql.SELECT_EXPIRED_BATCH,
                  rs -> new Object[] {MessageId.parse(rs.getString(1)), rs.getLong(4)},
                  channel,
                  afterSeq,
                  cutoff,
                  batchSize);
          Instant at = SqliteRows.now(clock);
          long last = afterSeq;
          for (Object[] row : expired) {
            SqliteMessageStore.purgeRow(w.connection(), (MessageId) row[0], null, at);
            last = (Long) row[1];
          }
          return new Batch(expired.size(), last);
        });
  }
}
