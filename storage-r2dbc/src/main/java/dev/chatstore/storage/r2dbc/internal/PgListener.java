package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.ChangeFeed;
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
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * PostgreSQL's LISTEN side of follow: one dedicated connection per storage (never from the pool)
 * that listens on {@value R2dbcSql#NOTIFY_CHANNEL} and feeds the in-process fan-out of the {@link
 * PgChangeFeed}. When the connection dies it reconnects with backoff, and each time it is listening
 * again it wakes every follower, so each re-reads from its last position and nothing committed
 * meanwhile is missed. Payloads are only hints: followers always re-read the table.
 *
 * <p>Notifications are sent after the commits ({@link PgNotifier}), so a process that dies between
 * a commit and its send loses that wake-up. A periodic safety wake-up bounds the delay this causes:
 * every {@code safetyWakeUp} all followers re-read from their position (one cheap keyset read
 * each), so a message is delivered to other processes at most that late. Notifications sent by this
 * storage's own notifier are skipped: its followers were woken directly after the commit.
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
   * @param signal the in-process feed to wake (not the PostgreSQL one: nothing is notified back)
   * @param listening completed the first time the connection listens
   * @param notifier this storage's notifier, whose own notifications are skipped
   * @param safetyWakeUp how often every follower is woken anyway; zero disables
   * @return what stops the listener (and the safety wake-up) and closes its connection
   */
  public static Disposable start(
      ConnectionFactory factory,
      ChangeFeed signal,
      CompletableFuture<Void> listening,
      PgNotifier notifier,
      Duration safetyWakeUp) {
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
                                .filter(n -> n.getProcessId() != notifier.backendPid())
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
    Disposable listener =
        session
            // notifications complete when the connection closes: connect again
            .repeat()
            .doOnError(
                e -> LOG.log(Level.FINE, "chatstore LISTEN connection lost; reconnecting", e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(50))
                    .maxBackoff(Duration.ofSeconds(5))
                    .jitter(0.5)
                    .transientErrors(true))
            .subscribe(ignored -> {}, e -> LOG.log(Level.WARNING, "chatstore LISTEN stopped", e));
    if (safetyWakeUp.isZero()) {
      return listener;
    }
    Disposable safety =
        Flux.interval(safetyWakeUp, safetyWakeUp).subscribe(tick -> signal.wakeAll());
    return Disposables.composite(listener, safety);
  }

  private static void wake(ChangeFeed signal, Notification notification) {
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
