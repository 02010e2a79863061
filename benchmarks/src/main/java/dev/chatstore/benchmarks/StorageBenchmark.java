package dev.chatstore.benchmarks;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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

  private final String url;
  private final int rows;
  private final Duration postDuration;
  private final String sections;

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
    PostgresqlConnectionFactory raw = BenchRows.rawFactory(options);
    try (Storage storage =
        Storages.open(url, StorageOptions.defaults().withProperties(Map.of("poolSize", "20")))) {
      User author =
          storage
              .users()
              .create(NewUser.of("bench", PasswordHash.pbkdf2("bench password".toCharArray())))
              .toFuture()
              .join();
      Channel big = storage.channels().create(NewChannel.of("big", author.id())).toFuture().join();
      try (java.sql.Connection jdbc = BenchRows.jdbc(options)) {
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
          new StreamBenchmark().run(storage, raw, rawPool, big.id());
        }
        if (sections.contains("pages")) {
          new PageBenchmark(rows).run(storage, raw, big.id());
        }
        if (sections.contains("posts")) {
          new PostBenchmark(postDuration).run(storage, rawPool, author.id());
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

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
