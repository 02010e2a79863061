package dev.chatstore.app.config;

import dev.chatstore.storage.StorageObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts database round trips per operation: {@code chatstore.storage.queries{operation}}. */
final class StorageQueryCounter implements StorageObserver {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  StorageQueryCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onQuery(String operation) {
    counters
        .computeIfAbsent(
            operation,
            op ->
                Counter.builder("chatstore.storage.queries")
                    .description("Database round trips")
                    .tag("operation", op)
                    .register(registry))
        .increment();
  }
}
