package dev.chatstore.app.sessions;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.app.ops.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Deletes expired sessions every {@code chatstore.session-purge-interval}. */
@Component
public class SessionPurger extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(SessionPurger.class);

  private final SessionService sessions;

  /**
   * Creates the purger.
   *
   * @param sessions the session service
   * @param properties the settings
   */
  public SessionPurger(SessionService sessions, ChatstoreProperties properties) {
    super(
        "deleting expired sessions",
        properties.sessionPurgeInterval(),
        properties.sessionPurgeInterval());
    this.sessions = sessions;
  }

  @Override
  protected Mono<?> tick() {
    return sessions
        .deleteExpired()
        .doOnNext(
            n -> {
              if (n > 0) {
                log.info("deleted {} expired sessions", n);
              }
            });
  }
}
