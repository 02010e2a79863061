package dev.chatstore.benchmarks;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.Storage;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Section 1: streaming a whole channel through the store and through raw r2dbc-postgresql (rows/s,
 * peak heap).
 */
final class StreamBenchmark {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  StreamBenchmark() {}

  void run(
      Storage storage, PostgresqlConnectionFactory raw, ConnectionPool rawPool, ChannelId channel) {
    System.out.println("1. stream the whole channel, oldest first");
    Supplier<Flux<?>> store = () -> storage.messages().stream(channel, 0, Direction.FORWARD);
    Supplier<Flux<?>> driver =
        () ->
            Flux.usingWhen(
                raw.create(),
                c ->
                    Flux.from(
                            c.createStatement(
                                    "SELECT "
                                        + BenchRows.COLUMNS
                                        + " FROM messages WHERE channel_id = $1 AND seq > $2"
                                        + " AND deleted_at IS NULL ORDER BY seq")
                                .bind(0, channel.value())
                                .bind(1, 0L)
                                .execute())
                        .concatMap(r -> r.map(BenchRows::message)),
                Connection::close);
    // the store's own access pattern done by hand: keyset pages of 500 on one connection, no pool
    Supplier<Flux<?>> rawPages =
        () -> Flux.usingWhen(raw.create(), c -> pages(c, channel), Connection::close);
    // and with a pooled connection per page, as the store must (it holds nothing between pages)
    Supplier<Flux<?>> pooledPages =
        () -> {
          AtomicLong cursor = new AtomicLong();
          return Flux.defer(
                  () ->
                      Flux.usingWhen(
                              rawPool.create(),
                              c -> page(c, channel, cursor.get()),
                              Connection::close)
                          .collectList())
              .repeat()
              .takeWhile(page -> !page.isEmpty())
              .doOnNext(page -> cursor.set(page.get(page.size() - 1).seq()))
              .concatMapIterable(page -> page);
        };
    // warm-up of every path (JIT, prepared statements, buffer cache), then the measured runs
    timeStream("warm-up store", store, false);
    timeStream("warm-up raw", driver, false);
    timeStream("warm-up raw pages", rawPages, false);
    timeStream("warm-up pooled pages", pooledPages, false);
    double storeRate = timeStream("MessageStore.stream", store, true);
    double rawRate = timeStream("raw r2dbc-postgresql", driver, true);
    timeStream("raw keyset pages", rawPages, true);
    timeStream("raw pages, pooled", pooledPages, true);
    System.out.printf(
        Locale.ROOT, "   ratio store/raw: %.2f (goal >= 0.80)%n%n", storeRate / rawRate);
  }

  private static Flux<Message> pages(Connection c, ChannelId channel) {
    AtomicLong cursor = new AtomicLong();
    return Flux.defer(() -> page(c, channel, cursor.get()).collectList())
        .repeat()
        .takeWhile(page -> !page.isEmpty())
        .doOnNext(page -> cursor.set(page.get(page.size() - 1).seq()))
        .concatMapIterable(page -> page);
  }

  private static Flux<Message> page(Connection c, ChannelId channel, long after) {
    return Flux.from(
            c.createStatement(
                    "SELECT "
                        + BenchRows.COLUMNS
                        + " FROM messages WHERE channel_id = $1 AND seq > $2 AND deleted_at IS"
                        + " NULL ORDER BY seq LIMIT $3")
                .bind(0, channel.value())
                .bind(1, after)
                .bind(2, 500)
                .execute())
        .concatMap(r -> r.map(BenchRows::message));
  }

  private double timeStream(String label, Supplier<Flux<?>> flux, boolean print) {
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    long count = flux.get().count().toFuture().join();
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    double rate = count / seconds;
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "   %-22s %,9d rows in %5.2f s = %,9.0f rows/s; peak heap %,5d MiB above the %,d MiB"
              + " baseline%n",
          label,
          count,
          seconds,
          rate,
          (peak.get() - baseline) >> 20,
          baseline >> 20);
    }
    return rate;
  }
}
