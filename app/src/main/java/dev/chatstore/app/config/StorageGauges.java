package dev.chatstore.app.config;

import dev.chatstore.app.ops.PeriodicTask;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes the numeric facts of {@link Storage#health()} (pool sizes, idle and acquired
 * connections, write queue depth, as each backend reports them) as gauges {@code
 * chatstore.storage.pool{detail}}, refreshed every 10 seconds.
 */
@Component
public class StorageGauges extends PeriodicTask {

  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final Storage storage;
  private final MeterRegistry registry;
  private final Map<String, Double> values = new ConcurrentHashMap<>();

  /**
   * Creates the gauges.
   *
   * @param storage the storage
   * @param registry the registry
   */
  public StorageGauges(Storage storage, MeterRegistry registry) {
    super("refreshing the storage gauges", Duration.ZERO, REFRESH);
    this.storage = storage;
    this.registry = registry;
  }

  @Override
  protected Mono<?> tick() {
    return storage.health().timeout(REFRESH).onErrorComplete().doOnNext(this::publish);
  }

  private void publish(Health health) {
    health
        .details()
        .forEach(
            (name, value) -> {
              if (value instanceof Number n && values.put(name, n.doubleValue()) == null) {
                Gauge.builder(
                        "chatstore.storage.pool", values, v -> v.getOrDefault(name, Double.NaN))
                    .description("Storage pool and queue facts")
                    .tag("detail", name)
                    .register(registry);
              }
            });
  }
}
