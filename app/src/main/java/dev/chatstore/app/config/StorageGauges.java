package dev.chatstore.app.config;

import dev.chatstore.storage.Storage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Publishes the numeric facts of {@link Storage#health()} (pool sizes, idle and acquired
 * connections, write queue depth, as each backend reports them) as gauges {@code
 * chatstore.storage.pool{detail}}, refreshed every 10 seconds.
 */
@Component
public class StorageGauges implements SmartLifecycle {

  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final Storage storage;
  private final MeterRegistry registry;
  private final Map<String, Double> values = new ConcurrentHashMap<>();
  private volatile @Nullable Disposable task;

  /**
   * Creates the gauges.
   *
   * @param storage the storage
   * @param registry the registry
   */
  public StorageGauges(Storage storage, MeterRegistry registry) {
    this.storage = storage;
    this.registry = registry;
  }

  @Override
  public void start() {
    task =
        Flux.interval(Duration.ZERO, REFRESH)
            .onBackpressureDrop()
            .concatMap(tick -> storage.health().timeout(REFRESH).onErrorComplete(), 1)
            .subscribe(
                health ->
                    health
                        .details()
                        .forEach(
                            (name, value) -> {
                              if (value instanceof Number n) {
                                if (values.put(name, n.doubleValue()) == null) {
                                  Gauge.builder(
                                          "chatstore.storage.pool",
                                          values,
                                          v -> v.getOrDefault(name, Double.NaN))
                                      .description("Storage pool and queue facts")
                                      .tag("detail", name)
                                      .register(registry);
                                }
                              }
                            }));
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
