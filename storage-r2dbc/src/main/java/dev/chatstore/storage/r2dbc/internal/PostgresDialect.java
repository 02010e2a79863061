package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.ChangeSignal;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * PostgreSQL: {@code RETURNING}, {@code ON CONFLICT} upserts, {@code FOR UPDATE}, {@code uuid},
 * {@code timestamptz} as {@link OffsetDateTime}, {@code bytea} as {@link ByteBuffer}, and
 * LISTEN/NOTIFY for follow.
 */
public final class PostgresDialect implements Dialect {

  private final CompletableFuture<Void> listening = new CompletableFuture<>();

  /** Creates the dialect. */
  public PostgresDialect() {}

  /**
   * Completes the first time the LISTEN connection listens.
   *
   * @return the future
   */
  public CompletableFuture<Void> listening() {
    return listening;
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.copyOf(
        EnumSet.of(
            Capability.CROSS_PROCESS_FOLLOW,
            Capability.PARALLEL_WRITES,
            Capability.NON_BLOCKING_IO));
  }

  @Override
  public String returning(String update, String columns) {
    return update.strip() + " RETURNING " + columns;
  }

  @Override
  public String forUpdate(String select) {
    return select.strip() + " FOR UPDATE";
  }

  @Override
  public String upsertMembership() {
    return """
        INSERT INTO memberships (channel_id, user_id, role, read_seq, joined_at)
        VALUES ($1, $2, $3, 0, $4)
        ON CONFLICT (channel_id, user_id) DO UPDATE SET role = EXCLUDED.role
        """;
  }

  @Override
  public String upsertKeyValue() {
    return """
        INSERT INTO key_values (partition_key, sort_key, value_bytes, version, updated_at)
        VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (partition_key, sort_key) DO UPDATE
           SET value_bytes = EXCLUDED.value_bytes, version = key_values.version + 1,
               updated_at = EXCLUDED.updated_at
        """;
  }

  @Override
  public Object bindValue(Object value) {
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes);
    }
    return value;
  }

  @Override
  public Class<?> bindType(Class<?> type) {
    if (type == Instant.class) {
      return OffsetDateTime.class;
    }
    if (type == byte[].class) {
      return ByteBuffer.class;
    }
    return type;
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
    ByteBuffer buffer = row.get(column, ByteBuffer.class);
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public Mono<Void> announceInTransaction(Db tx, ChannelId channel) {
    // delivered by PostgreSQL at commit, to every listener of every process
    return tx.write("MessageStore.post", R2dbcSql.NOTIFY_MESSAGE_POSTED, channel.toString()).then();
  }

  @Override
  public void announceAfterCommit(ChangeSignal signal, ChannelId channel) {
    // the LISTEN connection feeds the signal
  }

  @Override
  public Disposable startListener(ConnectionFactory connections, ChangeSignal signal) {
    return PgListener.start(connections, signal, listening);
  }

  @Override
  public @Nullable Scheduler blockingScheduler() {
    return null;
  }
}
