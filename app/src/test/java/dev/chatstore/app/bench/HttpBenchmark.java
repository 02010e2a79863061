package dev.chatstore.app.bench;

import dev.chatstore.app.ChatstoreApplication;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.Storage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP service against PostgreSQL's own tools, in one run on one embedded PostgreSQL 17
 * (durable: {@code fsync=on}, {@code synchronous_commit=on}):
 *
 * <ol>
 *   <li>HTTP {@code POST} of messages by 16 concurrent clients (each request authenticated, checked
 *       and committed) next to {@code pgbench} with 16 clients running (a) a plain single-row
 *       insert into the same {@code messages} table and (b) the store's own transaction shape (bump
 *       the channel's {@code last_seq} under its row lock, then insert);
 *   <li>an NDJSON download of a large channel next to {@code MessageStore.stream} of the same rows,
 *       with the peak heap of this JVM (run it with {@code -Xmx256m}).
 * </ol>
 *
 * Not a test: run it with {@code app/bench/http.sh}. System properties: {@code bench.seconds} (per
 * measurement, default 15), {@code bench.rows} (streamed rows, default 1,000,000), {@code
 * bench.pgbench} (the pgbench binary).
 */
public final class HttpBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HttpBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 15);
    int rows = Integer.getInteger("bench.rows", 1_000_000);
    int clients = 16;
    String pgbench = System.getProperty("bench.pgbench", "pgbench");

    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_connections", "100")
            .start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE bench");
      }
      String url = "r2dbc:postgresql://postgres@localhost:" + pg.getPort() + "/bench";
      ConfigurableApplicationContext app =
          SpringApplication.run(
              ChatstoreApplication.class,
              "--server.port=0",
              "--chatstore.storage.url=" + url,
              "--chatstore.storage.properties.poolSize=16",
              "--chatstore.password-hashing.strength=4",
              "--logging.level.root=warn",
              "--spring.main.banner-mode=off");
      try {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        String base = "http://localhost:" + port + "/api/v1";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        send(
            http,
            "POST",
            base + "/users",
            null,
            "{\"username\":\"bench\",\"password\":\"benchmark\"}");
        String token =
            send(
                    http,
                    "POST",
                    base + "/sessions",
                    null,
                    "{\"username\":\"bench\",\"password\":\"benchmark\"}")
                .get("token")
                .asString();
        String userId = send(http, "GET", base + "/users/me", token, null).get("id").asString();
        String postChannel =
            send(http, "POST", base + "/channels", token, "{\"name\":\"posts\"}")
                .get("id")
                .asString();
        String pgbenchChannel =
            send(http, "POST", base + "/channels", token, "{\"name\":\"pgbench\"}")
                .get("id")
                .asString();
        String streamChannel =
            send(http, "POST", base + "/channels", token, "{\"name\":\"stream\"}")
                .get("id")
                .asString();

        System.out.printf(
            Locale.ROOT,
            "machine: %d cores, Java %s, max heap %d MiB; PostgreSQL %s (embedded), %d s per run%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            Runtime.getRuntime().maxMemory() >> 20,
            pgVersion(pg),
            seconds);

        // 1. POST throughput
        posts(http, base + "/channels/" + postChannel + "/messages", token, clients, 3, "warm-up");
        double httpRate =
            posts(
                http, base + "/channels/" + postChannel + "/messages", token, clients, seconds, "");
        Path plain = Files.createTempFile("pgbench-plain", ".sql");
        Files.writeString(
            plain,
            "\\set s random(1, 9000000000000000000)\n"
                + "INSERT INTO messages (id, channel_id, seq, author_id, body, created_at, version)"
                + " VALUES (gen_random_uuid(), '"
                + pgbenchChannel
                + "', :s, '"
                + userId
                + "', 'hello from pgbench', now(), 1);\n");
        Path locked = Files.createTempFile("pgbench-locked", ".sql");
        Files.writeString(
            locked,
            "BEGIN;\n"
                + "UPDATE channels SET last_seq = last_seq + 1 WHERE id = '"
                + streamChannel
                + "' RETURNING last_seq \\gset\n"
                + "INSERT INTO messages (id, channel_id, seq, author_id, body, created_at, version)"
                + " VALUES (gen_random_uuid(), '"
                + streamChannel
                + "', :last_seq, '"
                + userId
                + "', 'hello from pgbench', now(), 1);\n"
                + "END;\n");
        List<String> spread = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          String id =
              send(http, "POST", base + "/channels", token, "{\"name\":\"spread" + i + "\"}")
                  .get("id")
                  .asString();
          spread.add(base + "/channels/" + id + "/messages");
        }
        double spreadRate = posts(http, spread, token, seconds, "spread");
        var registry = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        StringBuilder means = new StringBuilder("  server-side means:");
        for (String method :
            List.of(
                "SessionStore.findByTokenHash",
                "ChannelStore.findById",
                "ChannelStore.findMember",
                "MessageStore.post")) {
          var timer =
              registry
                  .find("chatstore.storage")
                  .tags("method", method, "outcome", "success")
                  .timer();
          if (timer != null) {
            means.append(
                String.format(
                    Locale.ROOT,
                    " %s %.1f ms;",
                    method,
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
          }
        }
        System.out.println(means);
        double plainRate = pgbench(pgbench, pg.getPort(), plain, clients, seconds);
        double lockedRate = pgbench(pgbench, pg.getPort(), locked, clients, seconds);
        System.out.printf(
            Locale.ROOT,
            "POST  one channel: http x%d %,.0f msg/s vs pgbench lock+insert x%d %,.0f tps (ratio"
                + " %.2f)%n",
            clients,
            httpRate,
            clients,
            lockedRate,
            httpRate / lockedRate);
        System.out.printf(
            Locale.ROOT,
            "POST  a channel per client: http x%d %,.0f msg/s vs pgbench plain insert x%d %,.0f"
                + " tps (ratio %.2f)%n",
            clients,
            spreadRate,
            clients,
            plainRate,
            spreadRate / plainRate);

        // 2. NDJSON streaming: a fresh channel filled by SQL
        try (Connection c = pg.getDatabase("postgres", "bench").getConnection();
            Statement s = c.createStatement()) {
          s.execute("DELETE FROM messages WHERE channel_id = '" + streamChannel + "'");
          s.execute(
              "INSERT INTO messages (id, channel_id, seq, author_id, body, created_at, version)"
                  + " SELECT gen_random_uuid(), '"
                  + streamChannel
                  + "', g, '"
                  + userId
                  + "', 'message number ' || g, now(), 1 FROM generate_series(1, "
                  + rows
                  + ") g");
          s.execute(
              "UPDATE channels SET last_seq = " + rows + " WHERE id = '" + streamChannel + "'");
          s.execute("VACUUM ANALYZE messages");
        }
        Storage storage = app.getBean(Storage.class);
        ChannelId ch = ChannelId.parse(streamChannel);
        storage.messages().stream(ch, 0, Direction.FORWARD).take(50_000).count().block();
        long t0 = System.nanoTime();
        Long streamed = storage.messages().stream(ch, 0, Direction.FORWARD).count().block();
        double storeRate = streamed / ((System.nanoTime() - t0) / 1e9);

        HeapWatch heap = new HeapWatch();
        heap.start();
        long t1 = System.nanoTime();
        long lines = ndjson(http, base + "/channels/" + streamChannel + "/messages", token);
        double ndjsonRate = lines / ((System.nanoTime() - t1) / 1e9);
        heap.stopWatching();
        System.out.printf(
            Locale.ROOT,
            "STREAM store %,d rows: %,.0f rows/s | NDJSON over HTTP %,d lines: %,.0f rows/s (ratio"
                + " %.2f); peak heap used during NDJSON %d MiB of %d MiB%n",
            streamed,
            storeRate,
            lines,
            ndjsonRate,
            ndjsonRate / storeRate,
            heap.peak >> 20,
            Runtime.getRuntime().maxMemory() >> 20);
      } finally {
        app.close();
      }
    }
    System.exit(0);
  }

  private static double posts(
      HttpClient http, String url, String token, int clients, int seconds, String label)
      throws InterruptedException {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      urls.add(url);
    }
    return posts(http, urls, token, seconds, label);
  }

  private static double posts(
      HttpClient http, List<String> urls, String token, int seconds, String label)
      throws InterruptedException {
    int clients = urls.size();
    AtomicLong created = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int client = i;
      String url = urls.get(i);
      Thread t =
          new Thread(
              () -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                  try {
                    HttpResponse<Void> r =
                        http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", label + "c" + client + "-" + n++)
                                .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                        "{\"body\":\"hello from client " + client + "\"}"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 201) {
                      created.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failed.get() > 0) {
      System.out.println("  (" + failed.get() + " posts failed)");
    }
    return created.get() / elapsed;
  }

  private static double pgbench(String binary, int port, Path script, int clients, int seconds)
      throws Exception {
    Process p =
        new ProcessBuilder(
                binary,
                "-n",
                "-c",
                String.valueOf(clients),
                "-j",
                "2",
                "-T",
                String.valueOf(seconds),
                "-f",
                script.toString(),
                "-h",
                "localhost",
                "-p",
                String.valueOf(port),
                "-U",
                "postgres",
                "bench")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m =
        Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("pgbench said:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static long ndjson(HttpClient http, String url, String token) throws Exception {
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long lines = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = r.body()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  private static JsonNode send(
      HttpClient http, String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static String pgVersion(EmbeddedPostgres pg) throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Samples the used heap every 20 ms. */
  private static final class HeapWatch extends Thread {
    private final AtomicBoolean running = new AtomicBoolean(true);
    volatile long peak;

    HeapWatch() {
      setDaemon(true);
    }

    @Override
    public void run() {
      var memory = ManagementFactory.getMemoryMXBean();
      while (running.get()) {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopWatching() {
      running.set(false);
    }
  }
}
