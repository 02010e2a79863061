package dev.chatstore.app.sessions;

import dev.chatstore.app.config.ChatstoreProperties;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Deletes expired sessions every {@code chatstore.session-purge-interval}. */
@Component
public class SessionPurger implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SessionPurger.class);

  private final SessionService sessions;
  private final Duration interval;
  private volatile @Nullable Disposable task;

  /**
   * Creates the purger.
   *
   * @param sessions the session service
   * @param properties the settings
   */
  public SessionPurger(SessionService sessions, ChatstoreProperties properties) {
    this.sessions = sessions;
    this.interval = properties.sessionPurgeInterval();
  }

  @Override
  public void start() {
    task =
        Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    sessions
                        .deleteExpired()
                        .doOnNext(
                            n -> {
                              if (n > 0) {
                                log.info("deleted {} expired sessions", n);
                              }
                            })
                        .onErrorResume(
                            e -> {
                              log.warn("could not delete expired sessions: {}", e.toString());
                              return reactor.core.publisher.Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable t = task;
    if (t != null) {
      t.dispose();
    }
    task = null;
  }

  @Override
  public boolean isRunning() {
    return task != null;
  }
}
