package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.app.Api.Response;
import dev.chatstore.app.Api.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The README's promises about retries and soft deletes over HTTP: re-sending a post after the
 * message was edited or deleted answers 200 with the same message; {@code includeDeleted=true}
 * returns tombstones in their places in JSON pages, NDJSON and SSE. Each backend runs it through a
 * subclass that supplies the storage URL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "chatstore.password-hashing.strength=4",
      "chatstore.session-ttl=1h",
      "chatstore.cursor-secret=test-secret"
    })
@Timeout(120)
abstract class AbstractRetryAndTombstoneApiTests {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired ApplicationContext context;

  WebTestClient client;
  Api api;

  @BeforeEach
  void bindClient() {
    client =
        WebTestClient.bindToApplicationContext(context)
            .configureClient()
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    api = new Api(client);
  }

  private static String unique(String prefix) {
    return prefix
        + SEQUENCE.incrementAndGet()
        + "x"
        + Long.toString(System.nanoTime() % 100000, 36);
  }

  private Response send(User u, String path, String body, String key) {
    return api.call(
        HttpMethod.POST, path, u.token(), Map.of("body", body), h -> h.set("Idempotency-Key", key));
  }

  @Test
  void theReadmeFlowRetriesTheOriginalRequestAfterTheEditAndGets200WithTheSameMessage() {
    User u = api.user(unique("readme"));
    String ch = api.channel(u, unique("general"), "public");
    String path = "/api/v1/channels/" + ch + "/messages";
    Response first = send(u, path, "hello, world", "hello-1").expect(201);
    String id = first.text("id");
    api.call(
            HttpMethod.PATCH,
            "/api/v1/messages/" + id,
            u.token(),
            Map.of("body", "hello, edited world"),
            h -> h.setIfMatch("\"1\""))
        .expect(200);
    Response retry = send(u, path, "hello, world", "hello-1").expect(200);
    assertThat(retry.text("id")).isEqualTo(id);
    assertThat(retry.text("body")).as("the message as it is now").isEqualTo("hello, edited world");
    assertThat(retry.text("version")).isEqualTo("2");
    send(u, path, "hello, edited world", "hello-1").problem(422, "idempotency_key_reused");

    api.delete("/api/v1/messages/" + id, u.token()).expect(204);
    Response afterDelete = send(u, path, "hello, world", "hello-1").expect(200);
    assertThat(afterDelete.text("id")).isEqualTo(id);
    assertThat(afterDelete.json().get("deletedAt").isNull()).as("the tombstone").isFalse();
    assertThat(api.get(path, u.token()).json().get("items")).as("nothing stored").isEmpty();
  }

  /** Three messages, the second deleted; returns the channel's history path. */
  private String channelWithATombstone(User u) {
    String ch = api.channel(u, unique("tomb"), "public");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ids.add(api.postMessage(u, ch, "m" + i).expect(201).text("id"));
    }
    api.delete("/api/v1/messages/" + ids.get(1), u.token()).expect(204);
    return "/api/v1/channels/" + ch + "/messages";
  }

  private static List<Long> seqs(Iterable<JsonNode> items) {
    List<Long> seqs = new ArrayList<>();
    items.forEach(item -> seqs.add(item.get("seq").asLong()));
    return seqs;
  }

  private List<JsonNode> ndjson(User u, String path) {
    Response r =
        api.call(
                HttpMethod.GET,
                path,
                u.token(),
                null,
                h -> h.setAccept(List.of(MediaType.APPLICATION_NDJSON)))
            .expect(200);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.body().split("\n")) {
      if (!line.isBlank()) {
        lines.add(Api.JSON.readTree(line));
      }
    }
    return lines;
  }

  private List<JsonNode> sse(User u, String path, int events) {
    List<String> data =
        client
            .get()
            .uri(path)
            .headers(h -> h.setBearerAuth(u.token()))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .filter(line -> line.startsWith("{"))
            .take(events)
            .collectList()
            .block(Duration.ofSeconds(30));
    return data.stream().map(Api.JSON::readTree).toList();
  }

  @Test
  void jsonPagesLeaveTombstonesOutUnlessIncludeDeleted() {
    User u = api.user(unique("pages"));
    String path = channelWithATombstone(u);
    assertThat(seqs(api.get(path, u.token()).expect(200).json().get("items")))
        .containsExactly(3L, 1L);
    JsonNode items =
        api.get(path + "?includeDeleted=true", u.token()).expect(200).json().get("items");
    assertThat(seqs(items)).containsExactly(3L, 2L, 1L);
    assertThat(items.get(1).get("body").asString()).isEmpty();
    assertThat(items.get(1).get("deletedAt").isNull()).isFalse();
    assertThat(seqs(api.get(path + "?includeDeleted=false", u.token()).json().get("items")))
        .containsExactly(3L, 1L);
    api.get(path + "?includeDeleted=maybe", u.token()).problem(400, "validation_failed");
  }

  @Test
  void ndjsonAndSseReturnTombstonesInTheirPlacesOnlyWithIncludeDeleted() {
    User u = api.user(unique("streams"));
    String path = channelWithATombstone(u);
    assertThat(seqs(ndjson(u, path))).containsExactly(1L, 3L);
    List<JsonNode> all = ndjson(u, path + "?includeDeleted=true");
    assertThat(seqs(all)).containsExactly(1L, 2L, 3L);
    assertThat(all.get(1).get("deletedAt").isNull()).isFalse();
    assertThat(seqs(sse(u, path, 2))).containsExactly(1L, 3L);
    List<JsonNode> events = sse(u, path + "?includeDeleted=true", 3);
    assertThat(seqs(events)).containsExactly(1L, 2L, 3L);
    assertThat(events.get(1).get("body").asString()).isEmpty();
  }
}
