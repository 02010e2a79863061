package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * PostgreSQL's NOTIFY side of follow, outside the posting transactions: a NOTIFY inside a
 * transaction takes PostgreSQL's database-wide notification queue lock at commit and keeps it until
 * the commit is flushed, so every notifying transaction would commit alone. Instead, a post records
 * its channel here after its commit ({@link #committed}), and one background loop sends a single
 * {@code SELECT pg_notify(...) FROM unnest(...)} for every channel recorded since its last send, on
 * a dedicated connection (never from the pool) that runs with {@code synchronous_commit = off} (a
 * wake-up needs no durability). While a send is in flight, and for {@value #MIN_GAP_MILLIS} ms
 * after it, new channels accumulate and go out together in the next one, so the notifications cost
 * one round trip per batch, not per post; an idle notifier sends at once.
 *
 * <p>When the connection fails, the unsent channels are kept and the loop reconnects with backoff.
 * A notification lost anyway (the process dies between a commit and the send) only delays the
 * followers of other processes until the next notification on that channel or their listener's
 * periodic safety wake-up ({@link PgListener}): followers read the table, never the payloads, so
 * they still see every message exactly once and in order. Thread-safe.
 */
public final class PgNotifier {

  private static final Logger LOG = Logger.getLogger(PgNotifier.class.getName());

  /** A send that takes longer fails, and the loop reconnects. */
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The least time between the end of a send and the next one, so that under load channels gather
   * into batches instead of each costing the server a transaction (and every listener a wake-up).
   */
  private static final long MIN_GAP_MILLIS = 5;

  private static final Duration MIN_GAP = Duration.ofMillis(MIN_GAP_MILLIS);

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean kicked = new AtomicBoolean();
  private final AtomicInteger emitting = new AtomicInteger();
  private final Sinks.Many<Boolean> kicks = Sinks.many().multicast().directBestEffort();
  private volatile int backendPid;
  private volatile boolean suppressed;

  /** Creates a notifier; nothing is sent before {@link #start}. */
  public PgNotifier() {}

  /**
   * Records that a channel has new commits, to be notified with the next send. Call it only after
   * the commit. Never blocks.
   *
   * @param channel the channel
   */
  public void committed(ChannelId channel) {
    pending.add(channel.toString());
    if (kicked.compareAndSet(false, true)) {
      kick();
    }
  }

  /** Emits a kick without locks or spinning: a caller that finds another emitting leaves it one. */
  private void kick() {
    if (emitting.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      try {
        kicks.tryEmitNext(Boolean.TRUE);
      } catch (RuntimeException | Error e) {
        // the loop's chain threw: never leave emitting raised (every later kick would be lost);
        // the channels stay pending for the send after the loop's reconnect
        emitting.set(0);
        throw e;
      }
      missed = emitting.addAndGet(-missed);
    } while (missed != 0);
  }

  /**
   * The server process id of the notifying connection, so that a listener in the same storage can
   * skip its own notifications (its followers were woken directly), or 0 while not connected.
   *
   * @return the process id, or 0
   */
  public int backendPid() {
    return backendPid;
  }

  /**
   * Test hook: while suppressed, recorded channels are dropped instead of sent, as if the process
   * had died between its commits and the send.
   *
   * @param suppressed whether to drop sends
   */
  public void suppress(boolean suppressed) {
    this.suppressed = suppressed;
  }

  /**
   * Starts the send loop on a connection of its own.
   *
   * @param factory a factory of unpooled connections with {@code synchronous_commit = off}
   * @return what stops the loop and closes its connection
   */
  public Disposable start(ConnectionFactory factory) {
    Flux<Integer> session =
        Flux.usingWhen(
            Mono.from(factory.create()),
            connection ->
                Flux.from(connection.createStatement(R2dbcSql.SELECT_BACKEND_PID).execute())
                    .concatMap(result -> result.map(row -> row.get(0, Integer.class)))
                    .doOnNext(pid -> backendPid = pid)
                    .thenMany(
                        // kicks first, then one send of whatever accumulated while disconnected
                        Flux.merge(kicks.asFlux(), Mono.just(Boolean.TRUE))
                            .onBackpressureLatest()
                            .concatMap(
                                kick ->
                                    send(connection)
                                        .delayUntil(
                                            sent -> sent > 0 ? Mono.delay(MIN_GAP) : Mono.empty()),
                                1)),
            Connection::close,
            (connection, error) -> connection.close(),
            Connection::close);
    return session
        .doFinally(signal -> backendPid = 0)
        .doOnError(e -> LOG.log(Level.FINE, "chatstore NOTIFY connection lost; reconnecting", e))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(5))
                .jitter(0.5)
                .transientErrors(true))
        .subscribe(ignored -> {}, e -> LOG.log(Level.WARNING, "chatstore NOTIFY stopped", e));
  }

  private Mono<Integer> send(Connection connection) {
    return Mono.defer(
        () -> {
          // reset before draining: a channel recorded after this point kicks again
          kicked.set(false);
          List<String> batch = drain();
          if (batch.isEmpty() || suppressed) {
            return Mono.just(0);
          }
          return Flux.from(
                  connection
                      .createStatement(R2dbcSql.NOTIFY_CHANNELS)
                      .bind(0, batch.toArray(new String[0]))
                      .execute())
              .concatMap(Result::getRowsUpdated)
              .then(Mono.just(batch.size()))
              .timeout(SEND_TIMEOUT)
              // sent again after the reconnect: a duplicate wake-up is harmless, a lost one is not
              .doOnError(e -> pending.addAll(batch));
        });
  }

  private List<String> drain() {
    List<String> batch = new ArrayList<>();
    for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
      batch.add(it.next());
      it.remove();
    }
    return batch;
  }
}
