package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.InProcessChangeFeed;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * The PostgreSQL {@link ChangeFeed}: the followers of this storage are woken in process, directly
 * after a commit; other processes are told by the {@link PgNotifier} (a coalescing NOTIFY sent
 * after the commit, never inside the posting transaction), and their notifications arrive through
 * the {@link PgListener} (one LISTEN connection that reconnects, plus the periodic safety wake-up).
 * All the runtime state of follow on PostgreSQL lives here, none in the dialect. Thread-safe.
 */
public final class PgChangeFeed implements ChangeFeed {

  private final InProcessChangeFeed local = new InProcessChangeFeed();
  private final PgNotifier notifier = new PgNotifier();
  private final CompletableFuture<Void> listening = new CompletableFuture<>();
  private final Disposable running;

  /**
   * Starts the notifier and the listener, each on a dedicated connection.
   *
   * @param listenConnections a factory of unpooled connections for the LISTEN connection
   * @param notifyConnections a factory of unpooled connections for the notifier, with {@code
   *     synchronous_commit = off}
   * @param safetyWakeUp how often every follower is woken anyway; zero disables
   */
  public PgChangeFeed(
      ConnectionFactory listenConnections,
      ConnectionFactory notifyConnections,
      Duration safetyWakeUp) {
    this.running =
        Disposables.composite(
            notifier.start(notifyConnections),
            PgListener.start(listenConnections, local, listening, notifier, safetyWakeUp));
  }

  /**
   * Completes the first time the LISTEN connection listens.
   *
   * @return the future
   */
  public CompletableFuture<Void> listening() {
    return listening;
  }

  /**
   * Test hook: while suppressed, this storage's notifications to other processes are dropped
   * instead of sent, as if the process died between its commits and the sends.
   *
   * @param suppressed whether to drop them
   */
  public void suppressNotifications(boolean suppressed) {
    notifier.suppress(suppressed);
  }

  @Override
  public Flux<Object> changes(ChannelId channel) {
    return local.changes(channel);
  }

  @Override
  public void committed(ChannelId channel) {
    local.committed(channel);
    notifier.committed(channel);
  }

  @Override
  public void wakeAll() {
    local.wakeAll();
  }

  @Override
  public boolean isClosed() {
    return local.isClosed();
  }

  @Override
  public void close() {
    running.dispose();
    local.close();
  }
}
