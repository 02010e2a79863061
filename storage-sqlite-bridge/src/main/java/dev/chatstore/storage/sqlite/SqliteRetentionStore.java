package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.internal.AbstractRetentionStore;
import dev.chatstore.storage.sqlite.internal.ChannelSql;
import dev.chatstore.storage.sqlite.internal.Columns;
import dev.chatstore.storage.sqlite.internal.RetentionSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.RetentionStore} on SQLite: the hooks. Each purge batch is one write
 * of the writer (its own transaction, or a savepoint of a group commit), so a purge never holds the
 * writer for long and other writes interleave. Thread-safe.
 */
public final class SqliteRetentionStore extends AbstractRetentionStore {

  private final SqlExecutor db;

  SqliteRetentionStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Channel> writePolicy(
      ChannelId channel, @Nullable Long keepSeconds, AuditEntry audit) {
    return db.write(
        "RetentionStore.setPolicy",
        w -> {
          if (one(w.connection(), RetentionSql.CHANNEL_EXISTS, rs -> 1, channel) == null) {
            return null;
          }
          if (keepSeconds == null) {
            execute(w.connection(), RetentionSql.DELETE, channel);
          } else {
            execute(w.connection(), RetentionSql.UPSERT, channel, keepSeconds);
          }
          SqliteAuditStore.append(w.connection(), audit);
          return one(w.connection(), ChannelSql.SELECT_BY_ID, ChannelSql::row, channel);
        });
  }

  @Override
  protected Flux<Policy> selectPolicies(@Nullable ChannelId after, int limit) {
    // ids are UUID text of one length: "" sorts before every one of them
    String from = after == null ? "" : after.toString();
    return db.read(
            "RetentionStore.purgeExpired",
            c -> list(c, RetentionSql.SELECT_POLICIES_AFTER, RetentionSql::policy, from, limit))
        .flatMapIterable(rows -> rows);
  }

  private record Expired(MessageId id, long seq) {}

  @Override
  protected Mono<Batch> purgeBatch(
      ChannelId channel, Instant cutoff, long afterSeq, int batchSize, Instant now) {
    return db.write(
        "RetentionStore.purgeExpired",
        w -> {
          List<Expired> expired =
              list(
                  w.connection(),
                  RetentionSql.SELECT_EXPIRED_BATCH,
                  rs ->
                      new Expired(MessageId.of(Columns.uuid(rs, "id")), Columns.number(rs, "seq")),
                  channel,
                  afterSeq,
                  cutoff,
                  batchSize);
          long last = afterSeq;
          for (Expired message : expired) {
            // the message store's purge: thread counters, reactions, edits, search, its audit entry
            SqliteMessageStore.purgeRow(w.connection(), message.id(), null, now);
            last = message.seq();
          }
          return new Batch(expired.size(), last);
        });
  }
}
