package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.app.Api.Response;
import dev.chatstore.app.Api.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP API, end to end through the application's handler chain (filters, routing, codecs, error
 * handling) on a real database, with {@link WebTestClient} bound to the application. Each backend
 * runs it through a subclass that supplies the storage URL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "chatstore.password-hashing.strength=4",
      "chatstore.session-ttl=1h",
      "chatstore.cursor-secret=test-secret",
      "chatstore.operators=opal"
    })
@org.springframework.context.annotation.Import(AbstractApiTests.Clocks.class)
@Timeout(120)
abstract class AbstractApiTests {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @Autowired ApplicationContext context;
  @Autowired TestClock clock;

  Api api;
  ExecutorService pool;

  @BeforeEach
  void bindClient() {
    pool = Executors.newFixedThreadPool(10);
    api =
        new Api(
            WebTestClient.bindToApplicationContext(context)
                .configureClient()
                .responseTimeout(Duration.ofSeconds(30))
                .build());
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  static String unique(String prefix) {
    return prefix
        + SEQUENCE.incrementAndGet()
        + "x"
        + Long.toString(System.nanoTime() % 100000, 36);
  }

  User user() {
    return api.user(unique("u"));
  }

  // ---- users and sessions

  @Test
  void registrationLoginProfileAndLogoutWork() {
    String name = unique("reg");
    Response created =
        api.post(
                "/api/v1/users",
                null,
                Map.of("username", name, "password", "password1", "email", name + "@example.org"))
            .expect(201);
    String id = created.text("id");
    assertThat(created.headers().getLocation()).hasToString("/api/v1/users/" + id);
    assertThat(created.text("email")).isEqualTo(name + "@example.org");
    api.post("/api/v1/users", null, Map.of("username", name.toUpperCase(), "password", "password1"))
        .problem(409, "already_exists");

    Response login =
        api.post("/api/v1/sessions", null, Map.of("username", name, "password", "password1"))
            .expect(201);
    String token = login.text("token");
    assertThat(token).hasSize(43);
    assertThat(login.json().get("user").get("id").asString()).isEqualTo(id);
    assertThat(login.text("expiresAt")).isNotBlank();
    api.post("/api/v1/sessions", null, Map.of("username", name, "password", "wrong-password"))
        .problem(401, "unauthorized");
    api.post("/api/v1/sessions", null, Map.of("username", "nobody-here", "password", "password1"))
        .problem(401, "unauthorized");

    assertThat(api.get("/api/v1/users/me", token).expect(200).text("username")).isEqualTo(name);
    User other = user();
    Response seen = api.get("/api/v1/users/" + id, other.token()).expect(200);
    assertThat(seen.json().get("email").isNull()).as("e-mail hidden from others").isTrue();
    api.get("/api/v1/users/" + java.util.UUID.randomUUID(), token).problem(404, "user_not_found");

    Response patched =
        api.patch(
                "/api/v1/users/me",
                token,
                Map.of("displayName", "Someone Else", "password", "password2"))
            .expect(200);
    assertThat(patched.text("displayName")).isEqualTo("Someone Else");
    assertThat(patched.text("version")).isEqualTo("2");
    api.patch("/api/v1/users/me", token, "{\"email\":null}").expect(200);
    api.patch("/api/v1/users/me", token, "{\"nickname\":\"x\"}").problem(400, "unknown_field");
    api.post("/api/v1/sessions", null, Map.of("username", name, "password", "password2"))
        .expect(201);

    api.delete("/api/v1/sessions/current", token).expect(204);
    api.get("/api/v1/users/me", token).problem(401, "unauthorized");
  }

  @Test
  void anExpiredSessionIsRejectedAndPurged() {
    User u = user();
    api.get("/api/v1/users/me", u.token()).expect(200);
    clock.advance(Duration.ofHours(2));
    try {
      api.get("/api/v1/users/me", u.token()).problem(401, "unauthorized");
      Long purged =
          context
              .getBean(dev.chatstore.app.sessions.SessionService.class)
              .deleteExpired()
              .block(Duration.ofSeconds(30));
      assertThat(purged).isPositive();
    } finally {
      clock.advance(Duration.ofHours(-2));
    }
    api.get("/api/v1/users/me", u.token()).problem(401, "unauthorized");
  }

  @Test
  void requestsWithoutAValidTokenGet401() {
    api.get("/api/v1/users/me", null).problem(401, "unauthorized");
    api.call(
            HttpMethod.GET,
            "/api/v1/users/me",
            null,
            null,
            h -> h.set(HttpHeaders.AUTHORIZATION, "Basic abc"))
        .problem(401, "unauthorized");
    api.get("/api/v1/users/me", "x".repeat(43)).problem(401, "unauthorized");
    api.get("/api/v1/channels", "not a token").problem(401, "unauthorized");
  }

  // ---- channels and members

  @Test
  void channelsAreCreatedReadListedChangedAndDeleted() {
    User owner = user();
    User other = user();
    String name = unique("chan");
    Response created =
        api.post("/api/v1/channels", owner.token(), Map.of("name", name, "topic", "t")).expect(201);
    String id = created.text("id");
    assertThat(created.text("role")).isEqualTo("owner");
    assertThat(created.headers().getETag()).isEqualTo("\"1\"");
    api.post("/api/v1/channels", other.token(), Map.of("name", name.toUpperCase()))
        .problem(409, "already_exists");

    assertThat(api.get("/api/v1/channels/" + id, other.token()).expect(200).text("name"))
        .isEqualTo(name);
    JsonNode joined = api.get("/api/v1/channels", owner.token()).expect(200).json();
    assertThat(ids(joined.get("items"))).contains(id);
    assertThat(ids(api.get("/api/v1/channels", other.token()).json().get("items")))
        .doesNotContain(id);
    assertThat(
            ids(
                api.get("/api/v1/channels?scope=public&limit=500", other.token())
                    .expect(200)
                    .json()
                    .get("items")))
        .as("first page of public channels")
        .isNotNull();

    Response changed =
        api.patch("/api/v1/channels/" + id, owner.token(), Map.of("topic", "new topic"))
            .expect(200);
    assertThat(changed.text("topic")).isEqualTo("new topic");
    assertThat(changed.headers().getETag()).isEqualTo("\"2\"");
    api.call(
            HttpMethod.PATCH,
            "/api/v1/channels/" + id,
            owner.token(),
            Map.of("topic", "stale"),
            h -> h.setIfMatch("\"1\""))
        .problem(412, "precondition_failed");
    api.patch("/api/v1/channels/" + id, other.token(), Map.of("topic", "mine"))
        .problem(403, "forbidden");
    assertThat(
            api.patch("/api/v1/channels/" + id, owner.token(), Map.of("archived", true))
                .expect(200)
                .text("archived"))
        .isEqualTo("true");
    api.postMessage(owner, id, "into the archive").problem(409, "channel_archived");

    api.delete("/api/v1/channels/" + id, other.token()).problem(403, "forbidden");
    api.delete("/api/v1/channels/" + id, owner.token()).expect(204);
    api.get("/api/v1/channels/" + id, owner.token()).problem(404, "channel_not_found");
    api.get("/api/v1/channels/not-a-uuid", owner.token()).problem(404, "channel_not_found");
  }

  @Test
  void theAuthorizationMatrixHoldsForAPrivateChannel() {
    User owner = user();
    User admin = user();
    User member = user();
    User outsider = user();
    User expired = user();
    String ch = api.channel(owner, unique("priv"), "private");
    String base = "/api/v1/channels/" + ch;
    api.put(base + "/members/" + admin.id(), owner.token(), Map.of("role", "admin")).expect(201);
    api.put(base + "/members/" + member.id(), admin.token(), Map.of("role", "member")).expect(201);
    api.put(base + "/members/" + expired.id(), owner.token(), Map.of("role", "member")).expect(201);
    String ownersMessage = api.postMessage(owner, ch, "by owner").expect(201).text("id");
    String membersMessage = api.postMessage(member, ch, "by member").expect(201).text("id");
    clock.advance(Duration.ofHours(2));
    try {
      // expired: everything is 401; sign the others in again
      api.get(base, expired.token()).problem(401, "unauthorized");
    } finally {
      clock.advance(Duration.ofHours(-2));
    }

    for (User u : List.of(owner, admin, member)) {
      api.get(base, u.token()).expect(200);
      api.get(base + "/messages", u.token()).expect(200);
      api.get(base + "/members", u.token()).expect(200);
      api.get("/api/v1/messages/" + ownersMessage, u.token()).expect(200);
      api.postMessage(u, ch, "hello").expect(201);
    }
    api.get(base, outsider.token()).problem(404, "channel_not_found");
    api.get(base + "/messages", outsider.token()).problem(404, "channel_not_found");
    api.call(
            HttpMethod.GET,
            base + "/messages",
            outsider.token(),
            null,
            h -> h.setAccept(List.of(MediaType.APPLICATION_NDJSON)))
        .problem(404, "channel_not_found");
    api.get(base + "/members", outsider.token()).problem(404, "channel_not_found");
    api.get("/api/v1/messages/" + ownersMessage, outsider.token())
        .problem(404, "message_not_found");
    api.postMessage(outsider, ch, "let me in").problem(404, "channel_not_found");
    api.put(base + "/members/" + outsider.id(), outsider.token(), Map.of("role", "member"))
        .problem(404, "channel_not_found");
    api.get(base, null).problem(401, "unauthorized");
    api.get(base + "/messages", null).problem(401, "unauthorized");

    // messages: the author, admins and owners change them; other members do not
    String edit = "/api/v1/messages/" + ownersMessage;
    api.call(
            HttpMethod.PATCH, edit, member.token(), Map.of("body", "x"), h -> h.setIfMatch("\"1\""))
        .problem(403, "forbidden");
    api.delete(edit, member.token()).problem(403, "forbidden");
    api.call(
            HttpMethod.PATCH,
            "/api/v1/messages/" + membersMessage,
            admin.token(),
            Map.of("body", "moderated"),
            h -> h.setIfMatch("\"1\""))
        .expect(200);
    api.call(
            HttpMethod.PATCH,
            "/api/v1/messages/" + membersMessage,
            member.token(),
            Map.of("body", "mine again"),
            h -> h.setIfMatch("\"2\""))
        .expect(200);
    api.delete("/api/v1/messages/" + membersMessage, owner.token()).expect(204);

    // roles: members cannot manage; admins cannot grant or touch owner; only owners do
    User newcomer = user();
    api.put(base + "/members/" + newcomer.id(), member.token(), Map.of("role", "member"))
        .problem(403, "forbidden");
    api.put(base + "/members/" + newcomer.id(), admin.token(), Map.of("role", "owner"))
        .problem(403, "forbidden");
    api.put(base + "/members/" + member.id(), member.token(), Map.of("role", "admin"))
        .problem(403, "forbidden");
    api.delete(base + "/members/" + owner.id(), admin.token()).problem(403, "forbidden");
    api.put(base + "/members/" + owner.id(), admin.token(), Map.of("role", "member"))
        .problem(403, "forbidden");
    api.delete(base + "/members/" + owner.id(), owner.token()).problem(409, "last_owner");
    api.put(base + "/members/" + owner.id(), owner.token(), Map.of("role", "admin"))
        .problem(409, "last_owner");
    api.put(base + "/members/" + admin.id(), owner.token(), Map.of("role", "owner")).expect(200);
    api.put(base + "/members/" + owner.id(), owner.token(), Map.of("role", "admin")).expect(200);
    api.delete(base + "/members/" + member.id(), owner.token()).expect(204);
    api.get(base, member.token()).problem(404, "channel_not_found");
    api.delete(base + "/members/" + member.id(), admin.token()).problem(404, "member_not_found");
    api.put(
            base + "/members/" + java.util.UUID.randomUUID(),
            admin.token(),
            Map.of("role", "member"))
        .problem(404, "user_not_found");
  }

  @Test
  void aPublicChannelIsReadableByAnyoneSignedInAndJoinableBySelf() {
    User owner = user();
    User reader = user();
    String ch = api.channel(owner, unique("pub"), "public");
    String base = "/api/v1/channels/" + ch;
    api.postMessage(owner, ch, "welcome").expect(201);
    api.get(base + "/messages", reader.token()).expect(200);
    api.postMessage(reader, ch, "before joining").problem(403, "forbidden");
    api.put(base + "/members/" + reader.id(), reader.token(), Map.of("role", "admin"))
        .problem(403, "forbidden");
    Response joined =
        api.put(base + "/members/" + reader.id(), reader.token(), Map.of("role", "member"))
            .expect(201);
    assertThat(joined.text("role")).isEqualTo("member");
    api.put(base + "/members/" + reader.id(), reader.token(), Map.of("role", "guest")).expect(200);
    api.postMessage(reader, ch, "as a guest").problem(403, "forbidden");
    api.delete(base + "/members/" + reader.id(), reader.token()).expect(204);
    api.put(base + "/members/" + reader.id(), reader.token(), Map.of("role", "boss"))
        .problem(400, "validation_failed");
  }

  // ---- messages

  @Test
  void postWithTheSameKeyReturnsTheOriginalMessage() {
    User u = user();
    String ch = api.channel(u, unique("idem"), "public");
    String path = "/api/v1/channels/" + ch + "/messages";
    Response first =
        api.call(
                HttpMethod.POST,
                path,
                u.token(),
                Map.of("body", "once"),
                h -> h.set("Idempotency-Key", "key-1"))
            .expect(201);
    assertThat(first.headers().getLocation()).hasToString("/api/v1/messages/" + first.text("id"));
    Response replay =
        api.call(
                HttpMethod.POST,
                path,
                u.token(),
                Map.of("body", "once"),
                h -> h.set("Idempotency-Key", "key-1"))
            .expect(200);
    assertThat(replay.json()).isEqualTo(first.json());
    api.call(
            HttpMethod.POST,
            path,
            u.token(),
            Map.of("body", "twice"),
            h -> h.set("Idempotency-Key", "key-1"))
        .problem(422, "idempotency_key_reused");
    api.call(
            HttpMethod.POST,
            path,
            u.token(),
            Map.of("body", "x"),
            h -> h.set("Idempotency-Key", "has space"))
        .problem(400, "validation_failed");
    assertThat(api.get(path, u.token()).json().get("items")).hasSize(1);
  }

  @Test
  void tenConcurrentPostsWithOneKeyStoreOneMessage() throws Exception {
    User u = user();
    String ch = api.channel(u, unique("race"), "public");
    String path = "/api/v1/channels/" + ch + "/messages";
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () ->
                  api.call(
                      HttpMethod.POST,
                      path,
                      u.token(),
                      Map.of("body", "exactly once"),
                      h -> h.set("Idempotency-Key", "race-key")),
              pool));
    }
    Set<String> ids = new HashSet<>();
    int created = 0;
    for (CompletableFuture<Response> call : calls) {
      Response r = call.get(60, TimeUnit.SECONDS);
      assertThat(r.status()).as(r.body()).isIn(200, 201);
      created += r.status() == 201 ? 1 : 0;
      ids.add(r.text("id"));
    }
    assertThat(ids).hasSize(1);
    assertThat(created).isEqualTo(1);
    assertThat(api.get(path, u.token()).json().get("items")).hasSize(1);
  }

  @Test
  void editsNeedIfMatchAndOnlyOneOfTwoRacingEditsWins() throws Exception {
    User u = user();
    String ch = api.channel(u, unique("edit"), "public");
    String id = api.postMessage(u, ch, "draft").expect(201).text("id");
    String path = "/api/v1/messages/" + id;
    api.patch(path, u.token(), Map.of("body", "no precondition"))
        .problem(428, "precondition_required");
    api.call(HttpMethod.PATCH, path, u.token(), Map.of("body", "x"), h -> h.setIfMatch("\"7\""))
        .problem(412, "precondition_failed");
    api.call(HttpMethod.PATCH, path, u.token(), Map.of("body", "x"), h -> h.setIfMatch("\"abc\""))
        .problem(412, "precondition_failed");
    List<CompletableFuture<Response>> racing = new ArrayList<>();
    for (String body : List.of("first", "second")) {
      racing.add(
          CompletableFuture.supplyAsync(
              () ->
                  api.call(
                      HttpMethod.PATCH,
                      path,
                      u.token(),
                      Map.of("body", body),
                      h -> h.setIfMatch("\"1\"")),
              pool));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Response> r : racing) {
      statuses.add(r.get(60, TimeUnit.SECONDS).status());
    }
    assertThat(statuses).containsExactlyInAnyOrder(200, 412);
    Response now = api.get(path, u.token()).expect(200);
    assertThat(now.headers().getETag()).isEqualTo("\"2\"");
    assertThat(now.text("editedAt")).isNotBlank();
  }

  @Test
  void deletedMessagesLeaveATombstoneAndLeaveHistory() {
    User u = user();
    String ch = api.channel(u, unique("del"), "public");
    String id = api.postMessage(u, ch, "regret").expect(201).text("id");
    api.postMessage(u, ch, "keep").expect(201);
    api.delete("/api/v1/messages/" + id, u.token()).expect(204);
    api.delete("/api/v1/messages/" + id, u.token()).expect(204);
    Response tomb = api.get("/api/v1/messages/" + id, u.token()).expect(200);
    assertThat(tomb.text("body")).isEmpty();
    assertThat(tomb.text("deletedAt")).isNotBlank();
    api.call(
            HttpMethod.PATCH,
            "/api/v1/messages/" + id,
            u.token(),
            Map.of("body", "undo"),
            h -> h.setIfMatch(tomb.headers().getETag()))
        .problem(409, "state_conflict");
    JsonNode items = api.get("/api/v1/channels/" + ch + "/messages", u.token()).json().get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("body").asString()).isEqualTo("keep");
    api.get("/api/v1/messages/" + java.util.UUID.randomUUID(), u.token())
        .problem(404, "message_not_found");
  }

  @Test
  void pagesRunNewestFirstAndCursorsWalkBothWays() {
    User u = user();
    String ch = api.channel(u, unique("page"), "public");
    String other = api.channel(u, unique("page"), "public");
    for (int i = 1; i <= 5; i++) {
      api.postMessage(u, ch, "m" + i).expect(201);
    }
    String path = "/api/v1/channels/" + ch + "/messages";
    JsonNode p1 = api.get(path + "?limit=2", u.token()).expect(200).json();
    assertThat(seqs(p1)).containsExactly(5L, 4L);
    JsonNode p2 = api.get(path + "?limit=2&before=" + p1.get("next").asString(), u.token()).json();
    assertThat(seqs(p2)).containsExactly(3L, 2L);
    JsonNode p3 = api.get(path + "?limit=2&before=" + p2.get("next").asString(), u.token()).json();
    assertThat(seqs(p3)).containsExactly(1L);
    assertThat(p3.get("next").isNull()).isTrue();
    String afterFirst = p3.get("items").get(0).get("cursor").asString();
    JsonNode forward = api.get(path + "?limit=3&after=" + afterFirst, u.token()).json();
    assertThat(seqs(forward)).containsExactly(2L, 3L, 4L);
    JsonNode rest =
        api.get(path + "?limit=3&after=" + forward.get("next").asString(), u.token()).json();
    assertThat(seqs(rest)).containsExactly(5L);

    api.get(path + "?before=" + afterFirst + "&after=" + afterFirst, u.token())
        .problem(400, "validation_failed");
    api.get("/api/v1/channels/" + other + "/messages?after=" + afterFirst, u.token())
        .problem(400, "invalid_cursor");
    String forged = afterFirst.substring(0, afterFirst.length() - 2) + "AA";
    api.get(path + "?after=" + forged, u.token()).problem(400, "invalid_cursor");
    api.get(path + "?after=bm90IGEgY3Vyc29y", u.token()).problem(400, "invalid_cursor");
  }

  @Test
  void ndjsonStreamsTheWholeHistoryOldestFirst() {
    User u = user();
    String ch = api.channel(u, unique("nd"), "public");
    for (int i = 1; i <= 120; i++) {
      api.postMessage(u, ch, "line " + i).expect(201);
    }
    Response r =
        api.call(
                HttpMethod.GET,
                "/api/v1/channels/" + ch + "/messages",
                u.token(),
                null,
                h -> h.setAccept(List.of(MediaType.APPLICATION_NDJSON)))
            .expect(200);
    assertThat(r.headers().getContentType()).isEqualTo(MediaType.APPLICATION_NDJSON);
    String[] lines = r.body().split("\n");
    assertThat(lines).hasSize(120);
    for (int i = 0; i < lines.length; i++) {
      assertThat(Api.JSON.readTree(lines[i]).get("seq").asLong()).isEqualTo(i + 1L);
    }
    String after = Api.JSON.readTree(lines[99]).get("cursor").asString();
    Response tail =
        api.call(
            HttpMethod.GET,
            "/api/v1/channels/" + ch + "/messages?after=" + after,
            u.token(),
            null,
            h -> h.setAccept(List.of(MediaType.APPLICATION_NDJSON)));
    assertThat(tail.body().split("\n")).hasSize(20);
  }

  // ---- bad input

  @Test
  void badInputGetsA4xxProblemAndStoresNothing() {
    User u = user();
    String ch = api.channel(u, unique("bad"), "public");
    String messages = "/api/v1/channels/" + ch + "/messages";
    api.postMessage(u, ch, "the only one").expect(201);
    String longName = "a".repeat(10_000);

    // malformed JSON, wrong types, unknown fields, missing fields
    api.post(messages, u.token(), "{\"body\":").problem(400, "malformed_json");
    api.post(messages, u.token(), "[1,2]").problem(400, "wrong_type");
    api.post(messages, u.token(), "{\"body\":42}").problem(400, "wrong_type");
    api.post(messages, u.token(), "{\"body\":{\"a\":1}}").problem(400, "wrong_type");
    api.post(messages, u.token(), "{\"body\":\"x\",\"admin\":true}").problem(400, "unknown_field");
    api.post(messages, u.token(), "{}").problem(400, "validation_failed");
    api.post(messages, u.token(), "{\"body\":\"x\"} trailing").problem(400, "malformed_json");
    api.post(messages, u.token(), "").expect(400);
    api.post(messages, u.token(), "{\"body\":\"x\",\"body\":\"y\"}").problem(400, "malformed_json");
    // invalid UTF-8 and NUL bytes
    api.post(
            messages,
            u.token(),
            new byte[] {
              '{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
            })
        .problem(400, "malformed_json");
    // overlong encodings of '/' (two and three bytes), which a lenient decoder turns into "a/b"
    api.post(messages, u.token(), utf8Body((byte) 0xC0, (byte) 0xAF))
        .problem(400, "malformed_json");
    api.post(messages, u.token(), utf8Body((byte) 0xE0, (byte) 0x80, (byte) 0xAF))
        .problem(400, "malformed_json");
    api.post(messages, u.token(), "{\"body\":\"a\\u0000b\"}").problem(400, "validation_failed");
    api.post(messages, u.token(), "{\"body\":\"a\u0000b\"}").problem(400, "malformed_json");
    api.post(messages, u.token(), "{\"body\":\"\\ud800\"}").problem(400, "validation_failed");
    // sizes
    api.post(messages, u.token(), Map.of("body", "x".repeat(16_001)))
        .problem(400, "validation_failed");
    api.post(messages, u.token(), Map.of("body", "   ")).problem(400, "validation_failed");
    byte[] huge = ("{\"body\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    api.post(messages, u.token(), huge).problem(413, "payload_too_large");
    api.post(
            "/api/v1/users",
            null,
            Map.of("username", longName, "password", "password1", "displayName", longName))
        .problem(400, "validation_failed");
    api.post("/api/v1/users", null, Map.of("username", unique("p"), "password", "short"))
        .problem(400, "validation_failed");
    api.post("/api/v1/users", null, Map.of("username", unique("p"), "password", "é".repeat(40)))
        .problem(400, "validation_failed");
    api.post("/api/v1/channels", u.token(), Map.of("name", longName))
        .problem(400, "validation_failed");
    api.post("/api/v1/channels", u.token(), Map.of("name", "ok-name", "visibility", "secret"))
        .problem(400, "validation_failed");
    api.patch("/api/v1/users/me", u.token(), Map.of("displayName", longName))
        .problem(400, "validation_failed");
    api.post("/api/v1/sessions", null, Map.of("username", longName, "password", longName))
        .problem(401, "unauthorized");
    // limits and cursors
    for (String limit : List.of("0", "-1", "501", "99999999999999999999", "abc", "1.5", "")) {
      api.get(messages + "?limit=" + limit, u.token()).problem(400, "validation_failed");
    }
    for (String cursor : List.of("x", "!!!", "AAAA", "A".repeat(600), "%00")) {
      api.get(messages + "?before=" + cursor, u.token()).problem(400, "invalid_cursor");
    }
    api.get(messages + "?follow=maybe", u.token()).problem(400, "validation_failed");
    // media types, methods, routes
    api.call(
            HttpMethod.POST,
            "/api/v1/channels",
            u.token(),
            null,
            h -> h.setContentType(MediaType.TEXT_PLAIN))
        .problem(415, "unsupported_media_type");
    api.call(
            HttpMethod.GET,
            messages,
            u.token(),
            null,
            h -> h.setAccept(List.of(MediaType.TEXT_HTML)))
        .problem(406, "not_acceptable");
    api.call(HttpMethod.PUT, "/api/v1/users", null, null, h -> {})
        .problem(405, "method_not_allowed");
    api.get("/api/v1/nothing-here", u.token()).problem(404, "route_not_found");
    api.get("/api/v1/messages/not-a-uuid", u.token()).problem(404, "message_not_found");

    // nothing was stored
    assertThat(api.get(messages, u.token()).json().get("items")).hasSize(1);
    assertThat(api.get("/api/v1/channels", u.token()).json().get("items")).hasSize(1);
    assertThat(api.get("/api/v1/users/me", u.token()).text("displayName")).isNotEqualTo(longName);
  }

  private static byte[] utf8Body(byte... middle) {
    byte[] prefix = "{\"body\":\"a".getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "b\"}".getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(prefix, prefix.length + middle.length + suffix.length);
    System.arraycopy(middle, 0, out, prefix.length, middle.length);
    System.arraycopy(suffix, 0, out, prefix.length + middle.length, suffix.length);
    return out;
  }

  @Test
  void aBodyOfExactlyOneMebibyteIsReadAndOneByteMoreIsA413() {
    User u = user();
    String ch = api.channel(u, unique("big"), "public");
    String messages = "/api/v1/channels/" + ch + "/messages";
    // whitespace padding keeps the message itself small: only the request size is at stake
    byte[] prefix = "{\"body\":\"padded\"".getBytes(StandardCharsets.UTF_8);
    byte[] limit = new byte[1024 * 1024];
    Arrays.fill(limit, (byte) ' ');
    System.arraycopy(prefix, 0, limit, 0, prefix.length);
    limit[limit.length - 1] = '}';
    api.post(messages, u.token(), limit).expect(201);
    byte[] over = Arrays.copyOf(limit, limit.length + 1);
    over[over.length - 2] = ' ';
    over[over.length - 1] = '}';
    api.post(messages, u.token(), over).problem(413, "payload_too_large");
    assertThat(api.get(messages, u.token()).json().get("items")).hasSize(1);
  }

  @Test
  void sqlLookingStringsAreStoredAndReturnedVerbatim() {
    User u = user();
    String topic = "x'); DROP TABLE channels; --";
    String ch =
        api.post("/api/v1/channels", u.token(), Map.of("name", unique("sql"), "topic", topic))
            .expect(201)
            .text("id");
    List<String> bodies =
        List.of(
            "'; DROP TABLE messages; --",
            "Robert'); DROP TABLE users;--",
            "1 OR 1=1",
            "\" OR \"\"=\"",
            "%_\\ LIKE '%'",
            "emoji 🎉 and ünïcödé",
            "line\nbreak\ttab");
    for (String body : bodies) {
      assertThat(api.postMessage(u, ch, body).expect(201).text("body")).isEqualTo(body);
    }
    JsonNode items =
        api.get("/api/v1/channels/" + ch + "/messages?limit=500", u.token()).json().get("items");
    List<String> stored = new ArrayList<>();
    items.forEach(i -> stored.add(i.get("body").asString()));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(api.get("/api/v1/channels/" + ch, u.token()).text("topic")).isEqualTo(topic);
  }

  // ---- operations

  @Test
  void healthMetricsAndOpenApiAreServed() {
    Response health = api.get("/actuator/health", null).expect(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().get("components").get("storage").get("status").asString())
        .isEqualTo("UP");
    User u = user();
    api.get("/api/v1/users/me", u.token()).expect(200);
    String metrics =
        api.call(
                HttpMethod.GET,
                "/actuator/prometheus",
                null,
                null,
                h -> h.setAccept(List.of(MediaType.TEXT_PLAIN)))
            .expect(200)
            .body();
    assertThat(metrics)
        .contains("chatstore_storage_seconds_count{method=\"SessionStore.findByTokenHash\"");
    Response openapi = api.get("/v3/api-docs", null).expect(200);
    assertThat(openapi.json().get("paths").has("/api/v1/channels/{id}/messages")).isTrue();
    List<String> memberParams = new ArrayList<>();
    openapi
        .json()
        .at("/paths/~1api~1v1~1channels~1{id}~1members/get/parameters")
        .forEach(p -> memberParams.add(p.get("name").asString() + ":" + p.get("in").asString()));
    assertThat(memberParams)
        .as("the record's components are query parameters")
        .contains("after:query", "limit:query");
  }

  @Test
  void healthDetailsAreForOperatorsOnly() {
    Response anonymous = api.get("/actuator/health", null).expect(200);
    assertThat(anonymous.json().get("components").get("storage").get("status").asString())
        .isEqualTo("UP");
    assertThat(anonymous.json().get("components").get("storage").has("details"))
        .as("no paths or queue depths on the actuator")
        .isFalse();
    User someone = user();
    assertThat(api.get("/actuator/health", someone.token()).expect(200).body())
        .doesNotContain("details");
    api.get("/api/v1/ops/health", null).problem(401, "unauthorized");
    api.get("/api/v1/ops/health", someone.token()).problem(403, "forbidden");
    api.post("/api/v1/users", null, java.util.Map.of("username", "opal", "password", "password1"));
    String operator = api.login("opal");
    Response details = api.get("/api/v1/ops/health", operator).expect(200);
    assertThat(details.json().get("up").asBoolean()).isTrue();
    assertThat(details.json().get("details").size())
        .as("an operator (chatstore.operators) sees the details")
        .isPositive();
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }

  private static List<Long> seqs(JsonNode page) {
    List<Long> seqs = new ArrayList<>();
    page.get("items").forEach(i -> seqs.add(i.get("seq").asLong()));
    return seqs;
  }
}
