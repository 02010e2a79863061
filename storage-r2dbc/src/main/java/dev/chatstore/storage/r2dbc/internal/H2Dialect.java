package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.ChangeSignal;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * H2 2.x: {@code FINAL TABLE} instead of {@code RETURNING}, {@code MERGE} upserts (H2 rejects
 * {@code INSERT ... ON CONFLICT ... RETURNING}), {@code TIMESTAMP WITH TIME ZONE} as {@link
 * OffsetDateTime}, and an in-process signal after commit for follow. r2dbc-h2 blocks internally, so
 * calls run on a scheduler of this dialect's own, never on the caller's thread.
 */
public final class H2Dialect implements Dialect {

  private final Scheduler scheduler;

  /**
   * Creates the dialect.
   *
   * @param threads the most threads that may block in H2 at once (the pool size and some)
   * @param name names the threads
   */
  public H2Dialect(int threads, String name) {
    this.scheduler =
        Schedulers.newBoundedElastic(threads, 100_000, "chatstore-h2-" + name, 60, true);
  }

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.PARALLEL_WRITES);
  }

  @Override
  public String returning(String update, String columns) {
    return "SELECT " + columns + " FROM FINAL TABLE (" + update.strip() + ")";
  }

  @Override
  public String forUpdate(String select) {
    return select.strip() + " FOR UPDATE";
  }

  @Override
  public String upsertMembership() {
    return """
        MERGE INTO memberships m
        USING (VALUES (CAST($1 AS UUID), CAST($2 AS UUID), CAST($3 AS VARCHAR(16)),
                       CAST($4 AS TIMESTAMP WITH TIME ZONE)))
              AS s (channel_id, user_id, role, joined_at)
           ON m.channel_id = s.channel_id AND m.user_id = s.user_id
        WHEN MATCHED THEN UPDATE SET role = s.role
        WHEN NOT MATCHED THEN INSERT (channel_id, user_id, role, read_seq, joined_at)
             VALUES (s.channel_id, s.user_id, s.role, 0, s.joined_at)
        """;
  }

  @Override
  public String upsertKeyValue() {
    return """
        MERGE INTO key_values k
        USING (VALUES (CAST($1 AS VARCHAR(512)), CAST($2 AS VARCHAR(512)),
                       CAST($3 AS VARBINARY(262144)), CAST($4 AS TIMESTAMP WITH TIME ZONE)))
              AS s (partition_key, sort_key, value_bytes, updated_at)
           ON k.partition_key = s.partition_key AND k.sort_key = s.sort_key
        WHEN MATCHED THEN UPDATE
             SET value_bytes = s.value_bytes, version = k.version + 1, updated_at = s.updated_at
        WHEN NOT MATCHED THEN INSERT (partition_key, sort_key, value_bytes, version, updated_at)
             VALUES (s.partition_key, s.sort_key, s.value_bytes, 1, s.updated_at)
        """;
  }

  @Override
  public Object bindValue(Object value) {
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return value;
  }

  @Override
  public Class<?> bindType(Class<?> type) {
    return type == Instant.class ? OffsetDateTime.class : type;
  }

  @Override
  public @Nullable Instant instant(Readable row, String column) {
    OffsetDateTime value = row.get(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public @Nullable UUID uuid(Readable row, String column) {
    return row.get(column, UUID.class);
  }

  @Override
  public byte @Nullable [] bytes(Readable row, String column) {
    byte[] value = row.get(column, byte[].class);
    return value == null ? null : value.clone();
  }

  @Override
  public Mono<Void> announceInTransaction(Db tx, ChannelId channel) {
    return Mono.empty();
  }

  @Override
  public void announceAfterCommit(ChangeSignal signal, ChannelId channel) {
    signal.committed(channel);
  }

  @Override
  public Disposable startListener(ConnectionFactory connections, ChangeSignal signal) {
    return Disposables.disposed();
  }

  @Override
  public Scheduler blockingScheduler() {
    return scheduler;
  }
}
