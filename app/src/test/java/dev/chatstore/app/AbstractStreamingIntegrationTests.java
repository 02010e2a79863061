package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Streaming over a real port with a real HTTP client ({@link HttpClient}): NDJSON demand and
 * disconnects, follow, and SSE resume. The storage runs with one read connection, so a stream that
 * failed to release its connection would starve the next request.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstore.password-hashing.strength=4",
      "chatstore.heartbeat=1s",
      "chatstore.cursor-secret=test-secret"
    })
@Timeout(180)
abstract class AbstractStreamingIntegrationTests {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired Storage storage;
  @Autowired MeterRegistry registry;
  @Autowired dev.chatstore.app.messages.LiveStreams live;

  HttpClient http;

  @BeforeEach
  void client() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  record Signed(String id, String token) {}

  Signed user() throws Exception {
    String name =
        "s" + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    send("POST", "/api/v1/users", null, Map.of("username", name, "password", "password1"), 201);
    JsonNode login =
        send(
            "POST",
            "/api/v1/sessions",
            null,
            Map.of("username", name, "password", "password1"),
            201);
    return new Signed(login.get("user").get("id").asString(), login.get("token").asString());
  }

  String channel(Signed owner) throws Exception {
    String name =
        "c" + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 100000, 36);
    return send("POST", "/api/v1/channels", owner.token(), Map.of("name", name), 201)
        .get("id")
        .asString();
  }

  JsonNode send(String method, String path, String token, Object body, int status)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(Api.JSON.writeValueAsBytes(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body().isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(r.body());
  }

  HttpResponse<Stream<String>> open(String path, String token, String accept, String lastEventId)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", accept);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
  }

  /** The storage that seeds big channels: the app's own, unless its pool is too small. */
  Storage openSeeder() {
    return storage;
  }

  void seed(Signed author, String channel, int count) {
    ChannelId ch = ChannelId.parse(channel);
    UserId user = UserId.parse(author.id());
    Storage seeder = openSeeder();
    try {
      Flux.range(1, count)
          .flatMap(i -> seeder.messages().post(NewMessage.of(ch, user, "seeded " + i)), 16)
          .blockLast(Duration.ofSeconds(120));
    } finally {
      if (seeder != storage) {
        seeder.close();
      }
    }
  }

  long streamCount(String outcome) {
    Timer timer =
        registry
            .find("chatstore.storage")
            .tags("method", "MessageStore.stream", "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void aSlowNdjsonReaderIsServedPageByPageAndGetsEverythingInOrder() throws Exception {
    Signed u = user();
    String ch = channel(u);
    int total = 20_000;
    seed(u, ch, total);
    long completedBefore = streamCount("success");
    HttpResponse<Stream<String>> r =
        open("/api/v1/channels/" + ch + "/messages", u.token(), "application/x-ndjson", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    try (Stream<String> lines = r.body()) {
      Iterator<String> it = lines.iterator();
      for (int i = 1; i <= 10; i++) {
        assertThat(Api.JSON.readTree(it.next()).get("seq").asLong()).isEqualTo(i);
      }
      // the reader pauses: the server must not have read the whole history ahead of it
      await()
          .pollDelay(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(streamCount("success"))
                      .as("the stream is still open, waiting for the reader")
                      .isEqualTo(completedBefore));
      long expected = 11;
      while (it.hasNext()) {
        assertThat(Api.JSON.readTree(it.next()).get("seq").asLong()).isEqualTo(expected++);
      }
      assertThat(expected - 1).isEqualTo(total);
    }
  }

  @Test
  void aClientThatDisconnectsMidStreamReleasesItsConnection() throws Exception {
    Signed u = user();
    String ch = channel(u);
    seed(u, ch, 5_000);
    for (int round = 0; round < 5; round++) {
      long cancelledBefore = streamCount("cancelled");
      HttpResponse<Stream<String>> r =
          open("/api/v1/channels/" + ch + "/messages", u.token(), "application/x-ndjson", null);
      try (Stream<String> lines = r.body()) {
        Iterator<String> it = lines.iterator();
        for (int i = 0; i < 10; i++) {
          it.next();
        }
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(streamCount("cancelled")).isGreaterThan(cancelledBefore));
      // one read connection: this page needs it at once
      JsonNode page =
          send("GET", "/api/v1/channels/" + ch + "/messages?limit=5", u.token(), null, 200);
      assertThat(page.get("items")).hasSize(5);
    }
  }

  @Test
  void aFollowerGetsNewMessagesAndHeartbeatsAndLetsGoWhenTheClientLeaves() throws Exception {
    Signed u = user();
    String ch = channel(u);
    send("POST", "/api/v1/channels/" + ch + "/messages", u.token(), Map.of("body", "one"), 201);
    HttpResponse<Stream<String>> r =
        open(
            "/api/v1/channels/" + ch + "/messages?follow=true",
            u.token(),
            "application/x-ndjson",
            null);
    assertThat(r.statusCode()).isEqualTo(200);
    try (Stream<String> lines = r.body()) {
      Iterator<String> it = lines.iterator();
      assertThat(nextMessage(it).get("body").asString()).isEqualTo("one");
      send("POST", "/api/v1/channels/" + ch + "/messages", u.token(), Map.of("body", "two"), 201);
      assertThat(nextMessage(it).get("body").asString()).isEqualTo("two");
      boolean sawHeartbeat = false;
      while (!sawHeartbeat) {
        sawHeartbeat = it.next().isEmpty();
      }
      assertThat(live.open()).isPositive();
    }
    // the client is gone: the next heartbeat write fails and the follow lets go
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(live.open()).isZero());
    JsonNode page = send("GET", "/api/v1/channels/" + ch + "/messages", u.token(), null, 200);
    assertThat(page.get("items")).hasSize(2);
  }

  @Test
  void sseResumesWithLastEventIdAndNeitherLosesNorRepeats() throws Exception {
    Signed u = user();
    String ch = channel(u);
    for (int i = 1; i <= 5; i++) {
      send("POST", "/api/v1/channels/" + ch + "/messages", u.token(), Map.of("body", "m" + i), 201);
    }
    String path = "/api/v1/channels/" + ch + "/messages";
    List<Long> seen = new ArrayList<>();
    String lastId;
    HttpResponse<Stream<String>> first = open(path, u.token(), "text/event-stream", null);
    assertThat(first.statusCode()).isEqualTo(200);
    try (Stream<String> lines = first.body()) {
      Iterator<String> it = lines.iterator();
      lastId = null;
      while (seen.size() < 3) {
        String[] event = nextEvent(it);
        lastId = event[0];
        seen.add(Api.JSON.readTree(event[1]).get("seq").asLong());
      }
    }
    for (int i = 6; i <= 8; i++) {
      send("POST", path, u.token(), Map.of("body", "m" + i), 201);
    }
    HttpResponse<Stream<String>> resumed = open(path, u.token(), "text/event-stream", lastId);
    assertThat(resumed.statusCode()).isEqualTo(200);
    try (Stream<String> lines = resumed.body()) {
      Iterator<String> it = lines.iterator();
      while (seen.size() < 8) {
        seen.add(Api.JSON.readTree(nextEvent(it)[1]).get("seq").asLong());
      }
      send("POST", path, u.token(), Map.of("body", "live"), 201);
      String[] live = nextEvent(it);
      assertThat(Api.JSON.readTree(live[1]).get("body").asString()).isEqualTo("live");
      seen.add(Api.JSON.readTree(live[1]).get("seq").asLong());
      String line = it.next();
      while (!line.equals(":heartbeat")) {
        line = it.next();
      }
    }
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(live.open()).isZero());
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + u.token())
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "forged")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("\"code\":\"invalid_cursor\"");
  }

  @Test
  void oversizedBodiesGet413OverTheWire() throws Exception {
    Signed u = user();
    String ch = channel(u);
    byte[] huge = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'x');
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/channels/" + ch + "/messages"))
                .header("Authorization", "Bearer " + u.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("\"code\":\"payload_too_large\"");
  }

  private static JsonNode nextMessage(Iterator<String> it) {
    while (true) {
      String line = it.next();
      if (!line.isEmpty()) {
        return Api.JSON.readTree(line);
      }
    }
  }

  /** The next message event: {id, data}; skips comments and the retry line. */
  private static String[] nextEvent(Iterator<String> it) {
    String id = null;
    String data = null;
    while (true) {
      String line = it.next();
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      } else if (line.isEmpty() && data != null) {
        return new String[] {id, data};
      }
    }
  }
}
