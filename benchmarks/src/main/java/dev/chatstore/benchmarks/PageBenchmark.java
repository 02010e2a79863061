package dev.chatstore.benchmarks;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Storage;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Section 2: keyset page latency by depth next to an OFFSET query at the same depth. */
final class PageBenchmark {

  private final int rows;

  PageBenchmark(int rows) {
    this.rows = rows;
  }

  void run(Storage storage, PostgresqlConnectionFactory raw, ChannelId channel) {
    System.out.println(
        "2. one page of " + BenchRows.PAGE + " messages at a depth (median / p95 of n runs)");
    long[] depths = {0, 10_000, Math.max(0, rows - BenchRows.PAGE)};
    Connection connection = Mono.from(raw.create()).toFuture().join();
    try {
      double keysetAtZero = 0;
      for (long depth : depths) {
        Supplier<Mono<?>> keyset =
            () ->
                storage
                    .messages()
                    .page(HistoryQuery.after(channel, depth, BenchRows.PAGE))
                    .count()
                    .doOnNext(n -> check(n, depth));
        Supplier<Mono<?>> offset =
            () ->
                Flux.from(
                        connection
                            .createStatement(
                                "SELECT "
                                    + BenchRows.COLUMNS
                                    + " FROM messages WHERE channel_id = $1 AND deleted_at IS NULL"
                                    + " ORDER BY seq LIMIT $2 OFFSET $3")
                            .bind(0, channel.value())
                            .bind(1, BenchRows.PAGE)
                            .bind(2, depth)
                            .execute())
                    .concatMap(r -> r.map(BenchRows::message))
                    .count()
                    .doOnNext(n -> check(n, depth));
        double[] k = latencies(keyset, 300);
        double[] o = latencies(offset, depth > 100_000 ? 10 : 100);
        if (depth == 0) {
          keysetAtZero = k[0];
        }
        System.out.printf(
            Locale.ROOT,
            "   depth %,9d: keyset (MessageStore.page) %7.3f / %7.3f ms;"
                + " OFFSET (raw) %8.3f / %8.3f ms; OFFSET/keyset %6.1fx;"
                + " keyset vs depth 0: %.2fx (goal <= 1.5x)%n",
            depth,
            k[0],
            k[1],
            o[0],
            o[1],
            o[0] / k[0],
            k[0] / keysetAtZero);
      }
    } finally {
      Mono.from(connection.close()).toFuture().join();
    }
    System.out.println();
  }

  private static void check(long n, long depth) {
    if (n != BenchRows.PAGE) {
      throw new IllegalStateException("a page at depth " + depth + " had " + n + " rows");
    }
  }

  private static double[] latencies(Supplier<Mono<?>> call, int runs) {
    for (int i = 0; i < Math.min(runs, 20); i++) {
      call.get().toFuture().join();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.get().toFuture().join();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], ms[(int) Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]};
  }
}
