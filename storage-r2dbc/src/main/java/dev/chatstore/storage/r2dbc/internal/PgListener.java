package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.ChangeSignal;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * PostgreSQL's LISTEN side of follow: one dedicated connection per storage (never from the pool)
 * that listens on {@value R2dbcSql#NOTIFY_CHANNEL} and feeds the {@link ChangeSignal}. When the
 * connection dies it reconnects with backoff, and each time it is listening again it wakes every
 * follower, so each re-reads from its last position and nothing committed meanwhile is missed.
 * Payloads are only hints: followers always re-read the table.
 */
public final class PgListener {

  private static final Logger LOG = Logger.getLogger(PgListener.class.getName());

  /** How often the connection's liveness is checked locally (no I/O). */
  private static final Duration LIVENESS = Duration.ofMillis(500);

  private PgListener() {}

  /**
   * Starts listening.
   *
   * @param factory a factory of unpooled PostgreSQL connections
   * @param signal the signal to feed
   * @param listening completed the first time the connection listens
   * @return what stops the listener and closes its connection
   */
  public static Disposable start(
      ConnectionFactory factory, ChangeSignal signal, CompletableFuture<Void> listening) {
    Flux<Object> session =
        Flux.usingWhen(
            Mono.from(factory.create()).cast(PostgresqlConnection.class),
            connection ->
                Flux.from(connection.createStatement(R2dbcSql.LISTEN).execute())
                    .concatMap(Result::getRowsUpdated)
                    .thenMany(
                        Flux.merge(
                            connection
                                .getNotifications()
                                .doOnSubscribe(
                                    s -> {
                                      listening.complete(null);
                                      // anything committed while we were not listening is
                                      // found by a re-read from every follower's position
                                      signal.wakeAll();
                                    })
                                .doOnNext(n -> wake(signal, n))
                                .cast(Object.class),
                            Flux.interval(LIVENESS)
                                .concatMap(
                                    tick -> Mono.from(connection.validate(ValidationDepth.LOCAL)))
                                .filter(alive -> !alive)
                                .concatMap(
                                    dead ->
                                        Mono.error(
                                            new IllegalStateException(
                                                "the LISTEN connection was closed"))))),
            PostgresqlConnection::close,
            (connection, error) -> connection.close(),
            PostgresqlConnection::close);
    return session
        // notifications complete when the connection closes: connect again
        .repeat()
        .doOnError(e -> LOG.log(Level.FINE, "chatstore LISTEN connection lost; reconnecting", e))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(5))
                .jitter(0.5)
                .transientErrors(true))
        .subscribe(ignored -> {}, e -> LOG.log(Level.WARNING, "chatstore LISTEN stopped", e));
  }

  private static void wake(ChangeSignal signal, Notification notification) {
    String parameter = notification.getParameter();
    if (parameter == null) {
      signal.wakeAll();
      return;
    }
    try {
      signal.committed(ChannelId.parse(parameter));
    } catch (IllegalArgumentException e) {
      signal.wakeAll();
    }
  }
}
