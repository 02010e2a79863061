package dev.chatstore.app.config;

import dev.chatstore.storage.Health;
import dev.chatstore.storage.Storage;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reports {@link Storage#health()} under {@code /actuator/health} as the {@code storage} check. */
@Component("storageHealthIndicator")
public class StorageHealthIndicator extends AbstractReactiveHealthIndicator {

  private final Storage storage;

  /**
   * Creates the indicator.
   *
   * @param storage the storage to check
   */
  public StorageHealthIndicator(Storage storage) {
    super("storage health check failed");
    this.storage = storage;
  }

  @Override
  protected Mono<org.springframework.boot.health.contributor.Health> doHealthCheck(
      org.springframework.boot.health.contributor.Health.Builder builder) {
    return storage
        .health()
        .timeout(Duration.ofSeconds(5))
        .map(
            (Health health) -> {
              builder.status(health.up() ? "UP" : "DOWN").withDetail("backend", health.backend());
              health.details().forEach(builder::withDetail);
              return builder.build();
            });
  }
}
