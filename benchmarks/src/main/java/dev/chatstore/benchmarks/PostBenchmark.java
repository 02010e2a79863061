package dev.chatstore.benchmarks;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Section 3: concurrent posts next to a raw insert of the same row. */
final class PostBenchmark {

  private final Duration postDuration;

  PostBenchmark(Duration postDuration) {
    this.postDuration = postDuration;
  }

  void run(Storage storage, ConnectionPool rawPool, UserId author) {
    System.out.println(
        "3. concurrent single-message writes for "
            + postDuration.toSeconds()
            + " s each (each caller in its own channel)");
    for (int callers : new int[] {1, 4, 16}) {
      List<ChannelId> channels = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        channels.add(
            storage
                .channels()
                .create(NewChannel.of("post-" + callers + "-" + i, author))
                .toFuture()
                .join()
                .id());
      }
      // the raw insert writes the same row: positions come from a counter, no transaction, no lock
      AtomicLong rawSeq = new AtomicLong(10_000_000);
      double store =
          rate(
              callers,
              i -> storage.messages().post(NewMessage.of(channels.get(i), author, body())).then());
      double driver =
          rate(
              callers,
              i ->
                  Mono.usingWhen(
                      rawPool.create(),
                      c ->
                          Flux.from(
                                  c.createStatement(
                                          "INSERT INTO messages (id, channel_id, seq, author_id,"
                                              + " body, parent_id, client_txn_id, created_at,"
                                              + " version)"
                                              + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)")
                                      .bind(0, MessageId.generate().value())
                                      .bind(1, channels.get(i).value())
                                      .bind(2, rawSeq.incrementAndGet())
                                      .bind(3, author.value())
                                      .bind(4, body())
                                      .bindNull(5, UUID.class)
                                      .bindNull(6, String.class)
                                      .bind(7, OffsetDateTime.now(ZoneOffset.UTC))
                                      .execute())
                              .concatMap(Result::getRowsUpdated)
                              .then(),
                      Connection::close));
      System.out.printf(
          Locale.ROOT,
          "   %2d callers: MessageStore.post %,8.0f/s; raw INSERT %,8.0f/s; ratio %.2f%s%n",
          callers,
          store,
          driver,
          store / driver,
          callers == 16 ? " (goal >= 0.80)" : "");
    }
    // profile of the gap: the same raw insert, plus a NOTIFY in the same statement (as post does)
    AtomicLong notifySeq = new AtomicLong(20_000_000);
    List<ChannelId> notifyChannels = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      notifyChannels.add(
          storage.channels().create(NewChannel.of("notify-" + i, author)).toFuture().join().id());
    }
    for (int callers : new int[] {1, 16}) {
      double notifying =
          rate(
              callers,
              i ->
                  Mono.usingWhen(
                      rawPool.create(),
                      c ->
                          Flux.from(
                                  c.createStatement(
                                          "WITH i AS (INSERT INTO messages (id, channel_id, seq,"
                                              + " author_id, body, created_at, version)"
                                              + " VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING"
                                              + " channel_id) SELECT pg_notify('bench',"
                                              + " CAST(channel_id AS TEXT)) FROM i")
                                      .bind(0, MessageId.generate().value())
                                      .bind(1, notifyChannels.get(i).value())
                                      .bind(2, notifySeq.incrementAndGet())
                                      .bind(3, author.value())
                                      .bind(4, body())
                                      .bind(5, OffsetDateTime.now(ZoneOffset.UTC))
                                      .execute())
                              .concatMap(Result::getRowsUpdated)
                              .then(),
                      Connection::close));
      System.out.printf(
          Locale.ROOT,
          "   %2d callers: raw INSERT + NOTIFY in one statement %,8.0f/s (profile of the gap)%n",
          callers,
          notifying);
    }
    // the same 16 callers all posting into one channel: positions serialise on its row lock
    ChannelId one =
        storage.channels().create(NewChannel.of("post-one", author)).toFuture().join().id();
    double shared =
        rate(16, i -> storage.messages().post(NewMessage.of(one, author, body())).then());
    System.out.printf(
        Locale.ROOT, "   16 callers into ONE channel: MessageStore.post %,8.0f/s%n", shared);
  }

  private static String body() {
    return "a message of typical chat length, posted by the benchmark";
  }

  private double rate(int callers, java.util.function.IntFunction<Mono<Void>> write) {
    // warm-up, then a fixed time; each caller has one write in flight at a time
    runFor(callers, write, Duration.ofSeconds(1));
    long start = System.nanoTime();
    long done = runFor(callers, write, postDuration);
    return done / ((System.nanoTime() - start) / 1e9);
  }

  private static long runFor(
      int callers, java.util.function.IntFunction<Mono<Void>> write, Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    return Flux.range(0, callers)
        .flatMap(
            i ->
                Mono.defer(() -> write.apply(i))
                    .thenReturn(1L)
                    .repeat(() -> System.nanoTime() < deadline)
                    .count(),
            callers)
        .reduce(0L, Long::sum)
        .toFuture()
        .join();
  }
}
