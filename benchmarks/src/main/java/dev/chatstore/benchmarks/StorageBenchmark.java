package dev.chatstore.benchmarks;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The storage benchmark of issue 3, on PostgreSQL, in one run: (1) streaming a 1,000,000-message
 * channel through {@code MessageStore.stream} next to the same rows through raw r2dbc-postgresql
 * (rows/s, peak heap); (2) keyset page latency at depths 0, 10,000 and 1,000,000 next to an OFFSET
 * query at the same depths; (3) concurrent {@code post} at 1, 4 and 16 callers next to a raw r2dbc
 * insert of the same row. Prints the figures and their ratios.
 *
 * <p>Usage: {@code StorageBenchmark [--url r2dbc:postgresql://user:pw@host:port/db] [--rows N]
 * [--seconds S] [--sections stream,pages,posts]}. Without {@code --url} it starts an embedded
 * PostgreSQL 17 (durable: fsync and synchronous_commit on) in a temporary folder and stops it at
 * the end. This is a benchmark, not a test: every loop is bounded by a row count or a deadline.
 */
public final class StorageBenchmark {

  private static final int PAGE = 50;
  private static final String COLUMNS =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at,"
          + " deleted_at, version";

  private final String url;
  private final int rows;
  private final Duration postDuration;
  private final String sections;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  private StorageBenchmark(String url, int rows, Duration postDuration, String sections) {
    this.sections = sections;
    this.url = url;
    this.rows = rows;
    this.postDuration = postDuration;
  }

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   * @throws Exception if it cannot run
   */
  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
    String url = option(args, "--url", null);
    int rows = Integer.parseInt(option(args, "--rows", "1000000"));
    int seconds = Integer.parseInt(option(args, "--seconds", "5"));
    EmbeddedPostgres embedded = null;
    if (url == null) {
      embedded =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "256MB")
              .start();
      try (java.sql.Connection c = embedded.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE bench");
      }
      url = "r2dbc:postgresql://postgres@localhost:" + embedded.getPort() + "/bench";
    }
    try {
      new StorageBenchmark(
              url,
              rows,
              Duration.ofSeconds(seconds),
              option(args, "--sections", "stream,pages,posts"))
          .run();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "chatstore storage benchmark: %d cores, java %s, max heap %d MiB, %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Storages.redact(url));
    ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(url);
    PostgresqlConnectionFactory raw = rawFactory(options);
    try (Storage storage =
        Storages.open(url, StorageOptions.defaults().withProperties(Map.of("poolSize", "20")))) {
      User author =
          storage
              .users()
              .create(NewUser.of("bench", PasswordHash.pbkdf2("bench password".toCharArray())))
              .toFuture()
              .join();
      Channel big = storage.channels().create(NewChannel.of("big", author.id())).toFuture().join();
      try (java.sql.Connection jdbc = jdbc(options)) {
        load(jdbc, big.id(), author.id());
      }
      ConnectionPool rawPool =
          new ConnectionPool(
              ConnectionPoolConfiguration.builder(raw)
                  .maxSize(20)
                  .maxAcquireTime(Duration.ofSeconds(10))
                  .build());
      try {
        if (sections.contains("stream")) {
          stream(storage, raw, rawPool, big.id());
        }
        if (sections.contains("pages")) {
          pages(storage, raw, big.id());
        }
        if (sections.contains("posts")) {
          posts(storage, rawPool, author.id());
        }
      } finally {
        rawPool.dispose();
      }
    }
  }

  // ---- loading

  private void load(java.sql.Connection jdbc, ChannelId channel, UserId author)
      throws SQLException {
    long start = System.nanoTime();
    CopyIn copy =
        jdbc.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY messages (id, channel_id, seq, author_id, body, created_at, version)"
                    + " FROM STDIN WITH (FORMAT csv)");
    StringBuilder chunk = new StringBuilder(1 << 20);
    String createdAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
    for (int seq = 1; seq <= rows; seq++) {
      chunk
          .append(MessageId.generate())
          .append(',')
          .append(channel)
          .append(',')
          .append(seq)
          .append(',')
          .append(author)
          .append(",message number ")
          .append(seq)
          .append(" of the benchmark channel with a body of typical chat length,")
          .append(createdAt)
          .append(",1\n");
      if (chunk.length() > (1 << 20) - 512) {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
      }
    }
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    long copied = copy.endCopy();
    try (Statement s = jdbc.createStatement()) {
      s.executeUpdate("UPDATE channels SET last_seq = " + rows + " WHERE id = '" + channel + "'");
      s.execute("VACUUM ANALYZE messages");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "loaded %,d messages with COPY in %.1f s (%,.0f rows/s)%n%n",
        copied,
        seconds,
        copied / seconds);
  }

  // ---- 1. streaming

  private void stream(
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
                                        + COLUMNS
                                        + " FROM messages WHERE channel_id = $1 AND seq > $2"
                                        + " AND deleted_at IS NULL ORDER BY seq")
                                .bind(0, channel.value())
                                .bind(1, 0L)
                                .execute())
                        .concatMap(r -> r.map(StorageBenchmark::message)),
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
                        + COLUMNS
                        + " FROM messages WHERE channel_id = $1 AND seq > $2 AND deleted_at IS"
                        + " NULL ORDER BY seq LIMIT $3")
                .bind(0, channel.value())
                .bind(1, after)
                .bind(2, 500)
                .execute())
        .concatMap(r -> r.map(StorageBenchmark::message));
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

  // ---- 2. pages by depth

  private void pages(Storage storage, PostgresqlConnectionFactory raw, ChannelId channel) {
    System.out.println("2. one page of " + PAGE + " messages at a depth (median / p95 of n runs)");
    long[] depths = {0, 10_000, Math.max(0, rows - PAGE)};
    Connection connection = Mono.from(raw.create()).toFuture().join();
    try {
      double keysetAtZero = 0;
      for (long depth : depths) {
        Supplier<Mono<?>> keyset =
            () ->
                storage
                    .messages()
                    .page(HistoryQuery.after(channel, depth, PAGE))
                    .count()
                    .doOnNext(n -> check(n, depth));
        Supplier<Mono<?>> offset =
            () ->
                Flux.from(
                        connection
                            .createStatement(
                                "SELECT "
                                    + COLUMNS
                                    + " FROM messages WHERE channel_id = $1 AND deleted_at IS NULL"
                                    + " ORDER BY seq LIMIT $2 OFFSET $3")
                            .bind(0, channel.value())
                            .bind(1, PAGE)
                            .bind(2, depth)
                            .execute())
                    .concatMap(r -> r.map(StorageBenchmark::message))
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
    if (n != PAGE) {
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

  // ---- 3. concurrent posts

  private void posts(Storage storage, ConnectionPool rawPool, UserId author) {
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

  // ---- helpers

  private static Message message(Readable row) {
    UUID parent = row.get("parent_id", UUID.class);
    OffsetDateTime edited = row.get("edited_at", OffsetDateTime.class);
    OffsetDateTime deleted = row.get("deleted_at", OffsetDateTime.class);
    return new Message(
        MessageId.of(row.get("id", UUID.class)),
        ChannelId.of(row.get("channel_id", UUID.class)),
        row.get("seq", Long.class),
        UserId.of(row.get("author_id", UUID.class)),
        row.get("body", String.class),
        parent == null ? null : MessageId.of(parent),
        row.get("client_txn_id", String.class),
        row.get("created_at", OffsetDateTime.class).toInstant(),
        edited == null ? null : edited.toInstant(),
        deleted == null ? null : deleted.toInstant(),
        row.get("version", Long.class));
  }

  private static PostgresqlConnectionFactory rawFactory(ConnectionFactoryOptions o) {
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    return new PostgresqlConnectionFactory(
        PostgresqlConnectionConfiguration.builder()
            .host(String.valueOf(o.getValue(ConnectionFactoryOptions.HOST)))
            .port(port == null ? 5432 : Integer.parseInt(port.toString()))
            .database(String.valueOf(o.getValue(ConnectionFactoryOptions.DATABASE)))
            .username(String.valueOf(o.getValue(ConnectionFactoryOptions.USER)))
            .password(password == null ? "" : password.toString())
            .build());
  }

  private static java.sql.Connection jdbc(ConnectionFactoryOptions o) throws SQLException {
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + o.getValue(ConnectionFactoryOptions.HOST)
            + ":"
            + (port == null ? 5432 : port)
            + "/"
            + o.getValue(ConnectionFactoryOptions.DATABASE),
        String.valueOf(o.getValue(ConnectionFactoryOptions.USER)),
        password == null ? "" : password.toString());
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
