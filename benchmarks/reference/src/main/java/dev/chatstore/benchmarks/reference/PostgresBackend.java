package dev.chatstore.benchmarks.reference;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL through r2dbc-postgresql and r2dbc-pool: the post is chatstore's one statement (take
 * the channel's next position under its row lock, insert there), the page one select.
 */
final class PostgresBackend implements Backend {

  private static final String POST =
      """
      WITH next AS (
             UPDATE channels SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq)
      INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,
                            created_at, version)
      SELECT $1, $2, next.last_seq, $3, $4, NULL, $5, $6, 1 FROM next
      RETURNING\s"""
          + MESSAGE_COLUMNS;

  private static final String PAGE =
      "SELECT "
          + MESSAGE_COLUMNS
          + " FROM messages WHERE channel_id = $1 ORDER BY seq DESC LIMIT $2";

  private static final String USER =
      "SELECT id, username, display_name, created_at, version FROM users WHERE id = $1";

  private final ConnectionPool pool;

  PostgresBackend(String url, int poolSize) {
    pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(
                    ConnectionFactories.get(ConnectionFactoryOptions.parse(url)))
                .initialSize(poolSize)
                .maxSize(poolSize)
                .maxAcquireTime(Duration.ofSeconds(5))
                .maxCreateConnectionTime(Duration.ofSeconds(5))
                .build());
  }

  @Override
  public Mono<MessageRow> post(
      UUID id, UUID channel, UUID author, String body, @Nullable String txn) {
    return one(
        c -> {
          Statement s =
              c.createStatement(POST)
                  .bind("$1", id)
                  .bind("$2", channel)
                  .bind("$3", author)
                  .bind("$4", body)
                  .bind("$6", Instant.now());
          return txn == null ? s.bindNull("$5", String.class) : s.bind("$5", txn);
        },
        PostgresBackend::message);
  }

  @Override
  public Mono<List<MessageRow>> page(UUID channel, int limit) {
    return Flux.usingWhen(
            pool.create(),
            c ->
                Flux.from(c.createStatement(PAGE).bind("$1", channel).bind("$2", limit).execute())
                    .flatMap(r -> r.map(PostgresBackend::message)),
            Connection::close)
        .collectList();
  }

  @Override
  public Mono<UserRow> user(UUID id) {
    return one(
        c -> c.createStatement(USER).bind("$1", id),
        r ->
            new UserRow(
                r.get("id", UUID.class),
                r.get("username", String.class),
                r.get("display_name", String.class),
                r.get("created_at", Instant.class),
                r.get("version", Long.class)));
  }

  private <T> Mono<T> one(Function<Connection, Statement> statement, Function<Readable, T> mapper) {
    return Mono.usingWhen(
        pool.create(),
        c -> Flux.from(statement.apply(c).execute()).flatMap(r -> r.map(mapper::apply)).next(),
        Connection::close);
  }

  private static MessageRow message(Readable r) {
    Long seq = r.get("seq", Long.class);
    Long version = r.get("version", Long.class);
    return new MessageRow(
        r.get("id", UUID.class),
        r.get("channel_id", UUID.class),
        seq == null ? 0 : seq,
        r.get("author_id", UUID.class),
        r.get("body", String.class),
        r.get("parent_id", UUID.class),
        r.get("client_txn_id", String.class),
        r.get("created_at", Instant.class),
        r.get("edited_at", Instant.class),
        r.get("deleted_at", Instant.class),
        version == null ? 0 : version);
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
