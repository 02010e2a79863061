package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.app.Api.Response;
import dev.chatstore.app.Api.User;
import dev.chatstore.app.retention.RetentionJob;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The conversation endpoints of issue 5 (threads, reactions, read state and receipts, search,
 * retention, audit log, edit history), end to end through the application on a real database, with
 * the authorization matrix of each: owner, admin, member, non-member (of a public and of a private
 * channel) and signed out. Each backend runs it through a subclass that supplies the storage URL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "chatstore.password-hashing.strength=4",
      "chatstore.session-ttl=1h",
      "chatstore.cursor-secret=test-secret",
      "chatstore.retention.batch-size=2"
    })
@Import(AbstractConversationApiTests.Clocks.class)
@Timeout(120)
abstract class AbstractConversationApiTests {

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
  @Autowired MeterRegistry registry;

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

  static String unique(String prefix) {
    return prefix
        + SEQUENCE.incrementAndGet()
        + "x"
        + Long.toString(System.nanoTime() % 100000, 36);
  }

  User user() {
    return api.user(unique("c"));
  }

  /** A channel with an owner, an admin and a member, and a signed-in outsider. */
  record Cast(String channel, User owner, User admin, User member, User outsider) {
    String base() {
      return "/api/v1/channels/" + channel;
    }
  }

  Cast cast(String visibility) {
    User owner = user();
    User admin = user();
    User member = user();
    User outsider = user();
    String ch = api.channel(owner, unique("conv"), visibility);
    String base = "/api/v1/channels/" + ch;
    api.put(base + "/members/" + admin.id(), owner.token(), Map.of("role", "admin")).expect(201);
    api.put(base + "/members/" + member.id(), owner.token(), Map.of("role", "member")).expect(201);
    return new Cast(ch, owner, admin, member, outsider);
  }

  Response reply(User author, String channel, String parentId, String body) {
    return api.post(
        "/api/v1/channels/" + channel + "/messages",
        author.token(),
        Map.of("body", body, "parentId", parentId));
  }

  /** The client percent-encodes the URI template itself, so paths carry emoji as they are. */
  static String emoji(String emoji) {
    return emoji;
  }

  double summarizeQueries() {
    Counter c =
        registry
            .find("chatstore.storage.queries")
            .tag("operation", "ReactionStore.summarize")
            .counter();
    return c == null ? 0 : c.count();
  }

  // ---- threads

  @Test
  void repliesArePagedOldestFirstAndTheRootCountsThem() {
    Cast c = cast("private");
    String root = api.postMessage(c.member(), c.channel(), "root").expect(201).text("id");
    List<String> replies = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      User author = i % 2 == 0 ? c.owner() : c.admin();
      Response r = reply(author, c.channel(), root, "reply " + i).expect(201);
      assertThat(r.text("parentId")).isEqualTo(root);
      replies.add(r.text("id"));
    }
    api.postMessage(c.member(), c.channel(), "not in the thread").expect(201);

    String path = "/api/v1/messages/" + root + "/replies";
    JsonNode first = api.get(path + "?limit=3", c.member().token()).expect(200).json();
    assertThat(first.get("root").get("id").asString()).isEqualTo(root);
    assertThat(first.get("root").get("replyCount").asLong()).isEqualTo(5);
    assertThat(first.get("root").get("lastReplyAt").isNull()).isFalse();
    assertThat(ids(first.get("items"))).containsExactlyElementsOf(replies.subList(0, 3));
    String next = first.get("next").asString();
    JsonNode second =
        api.get(path + "?limit=3&after=" + next, c.member().token()).expect(200).json();
    assertThat(ids(second.get("items"))).containsExactlyElementsOf(replies.subList(3, 5));
    assertThat(second.get("next").isNull()).isTrue();

    // the root carries its counts wherever it appears
    Response rootRead = api.get("/api/v1/messages/" + root, c.member().token()).expect(200);
    assertThat(rootRead.json().get("replyCount").asLong()).isEqualTo(5);
    JsonNode history = api.get(c.base() + "/messages?limit=500", c.owner().token()).json();
    history
        .get("items")
        .forEach(
            m -> {
              if (m.get("id").asString().equals(root)) {
                assertThat(m.get("replyCount").asLong()).isEqualTo(5);
              }
            });

    // a deleted reply keeps its place in the count, not in the page
    api.delete("/api/v1/messages/" + replies.get(0), c.admin().token()).expect(204);
    JsonNode afterDelete = api.get(path, c.member().token()).expect(200).json();
    assertThat(ids(afterDelete.get("items"))).doesNotContain(replies.get(0)).hasSize(4);
    assertThat(afterDelete.get("root").get("replyCount").asLong()).isEqualTo(5);

    // authorization: readers only; the thread of a private channel is hidden from outsiders
    api.get(path, c.admin().token()).expect(200);
    api.get(path, c.owner().token()).expect(200);
    api.get(path, c.outsider().token()).problem(404, "message_not_found");
    api.get(path, null).problem(401, "unauthorized");
    reply(c.outsider(), c.channel(), root, "sneaking in").problem(404, "channel_not_found");

    // errors
    api.get(path + "?after=forged", c.member().token()).problem(400, "invalid_cursor");
    String otherRoot = api.postMessage(c.member(), c.channel(), "another").expect(201).text("id");
    api.get("/api/v1/messages/" + otherRoot + "/replies?after=" + next, c.member().token())
        .problem(400, "invalid_cursor");
    String historyCursor = history.get("items").get(0).get("cursor").asString();
    api.get(path + "?after=" + historyCursor, c.member().token()).problem(400, "invalid_cursor");
    api.get(path + "?limit=0", c.member().token()).problem(400, "validation_failed");
    api.get(path + "?limit=501", c.member().token()).problem(400, "validation_failed");
    api.get("/api/v1/messages/" + UUID.randomUUID() + "/replies", c.member().token())
        .problem(404, "message_not_found");
    api.get("/api/v1/messages/nope/replies", c.member().token()).problem(404, "message_not_found");
  }

  @Test
  void aFullThreadPageOfFiveHundredRepliesCarriesItsReactions() {
    Cast c = cast("public");
    String root = api.postMessage(c.member(), c.channel(), "busy root").expect(201).text("id");
    Storage storage = context.getBean(Storage.class);
    ChannelId channel = ChannelId.parse(c.channel());
    UserId author = UserId.parse(c.admin().id());
    MessageId parent = MessageId.parse(root);
    Flux.range(1, 500)
        .flatMap(
            i ->
                storage
                    .messages()
                    .post(new NewMessage(channel, author, "reply " + i, parent, null)),
            8)
        .blockLast(Duration.ofSeconds(60));
    api.put("/api/v1/messages/" + root + "/reactions/ok", c.owner().token(), null).expect(201);
    JsonNode first = api.get(path(root) + "?limit=500", c.member().token()).expect(200).json();
    JsonNode last = first.get("items").get(499);
    api.put(
            "/api/v1/messages/" + last.get("id").asString() + "/reactions/ok",
            c.member().token(),
            null)
        .expect(201);
    double before = summarizeQueries();
    JsonNode page = api.get(path(root) + "?limit=500", c.member().token()).expect(200).json();
    assertThat(summarizeQueries() - before).as("root and 500 replies: two queries").isEqualTo(2);
    assertThat(page.get("root").get("replyCount").asLong()).isEqualTo(500);
    assertThat(page.get("root").get("reactions").get(0).get("me").asBoolean()).isFalse();
    assertThat(page.get("items")).hasSize(500);
    assertThat(page.get("items").get(499).get("reactions").get(0).get("me").asBoolean()).isTrue();
    JsonNode rest =
        api.get(path(root) + "?limit=500&after=" + page.get("next").asString(), c.member().token())
            .expect(200)
            .json();
    assertThat(rest.get("items")).isEmpty();
    assertThat(rest.get("next").isNull()).isTrue();
  }

  static String path(String root) {
    return "/api/v1/messages/" + root + "/replies";
  }

  @Test
  void aReplyMustNameAMessageOfTheSameChannel() {
    Cast c = cast("public");
    String elsewhere = api.channel(c.owner(), unique("else"), "public");
    String foreign = api.postMessage(c.owner(), elsewhere, "over there").expect(201).text("id");
    reply(c.member(), c.channel(), foreign, "cross-channel").problem(400, "validation_failed");
    reply(c.member(), c.channel(), UUID.randomUUID().toString(), "to nothing")
        .problem(400, "validation_failed");
    api.post(
            c.base() + "/messages",
            c.member().token(),
            Map.of("body", "bad id", "parentId", "not-an-id"))
        .problem(400, "validation_failed");
    assertThat(api.get(c.base() + "/messages", c.member().token()).json().get("items")).isEmpty();

    // a public channel's threads are readable by any signed-in user
    String root = api.postMessage(c.member(), c.channel(), "open").expect(201).text("id");
    reply(c.admin(), c.channel(), root, "hi").expect(201);
    JsonNode thread =
        api.get("/api/v1/messages/" + root + "/replies", c.outsider().token()).expect(200).json();
    assertThat(thread.get("items")).hasSize(1);
    reply(c.outsider(), c.channel(), root, "not a member").problem(403, "forbidden");
  }

  // ---- reactions

  @Test
  void reactionsAreIdempotentAndCountedPerEmoji() {
    Cast c = cast("private");
    String m = api.postMessage(c.member(), c.channel(), "react to me").expect(201).text("id");
    String thumbs = "/api/v1/messages/" + m + "/reactions/" + emoji("👍");
    Response added = api.put(thumbs, c.member().token(), null).expect(201);
    assertThat(added.json().get("reactions").get(0).get("emoji").asString()).isEqualTo("👍");
    assertThat(added.json().get("reactions").get(0).get("count").asLong()).isEqualTo(1);
    assertThat(added.json().get("reactions").get(0).get("me").asBoolean()).isTrue();
    api.put(thumbs, c.member().token(), null).expect(200);
    api.put(thumbs, c.owner().token(), null).expect(201);
    api.put("/api/v1/messages/" + m + "/reactions/:party:", c.admin().token(), null).expect(201);

    JsonNode seen = api.get("/api/v1/messages/" + m, c.admin().token()).expect(200).json();
    JsonNode reactions = seen.get("reactions");
    assertThat(reactions).hasSize(2);
    assertThat(reactions.get(0).get("emoji").asString()).isEqualTo("👍");
    assertThat(reactions.get(0).get("count").asLong()).isEqualTo(2);
    assertThat(reactions.get(0).get("me").asBoolean()).as("the admin did not thumb").isFalse();
    assertThat(reactions.get(1).get("emoji").asString()).isEqualTo(":party:");
    assertThat(reactions.get(1).get("me").asBoolean()).isTrue();

    api.delete(thumbs, c.member().token()).expect(204);
    api.delete(thumbs, c.member().token()).expect(204); // removing twice
    JsonNode after = api.get("/api/v1/messages/" + m, c.member().token()).json();
    assertThat(after.get("reactions").get(0).get("count").asLong()).isEqualTo(1);
    assertThat(after.get("reactions").get(0).get("me").asBoolean()).isFalse();

    // authorization: members react; outsiders of a private channel see nothing; signed out 401
    api.put(thumbs, c.outsider().token(), null).problem(404, "message_not_found");
    api.delete(thumbs, c.outsider().token()).problem(404, "message_not_found");
    api.put(thumbs, null, null).problem(401, "unauthorized");
    api.delete(thumbs, null).problem(401, "unauthorized");

    // errors: bad emoji, unknown message, deleted message
    String base = "/api/v1/messages/" + m + "/reactions/";
    api.put(base + emoji("a b"), c.member().token(), null).problem(400, "validation_failed");
    api.put(base + "x".repeat(65), c.member().token(), null).problem(400, "validation_failed");
    api.put(base + emoji("\u0007"), c.member().token(), null).problem(400, "validation_failed");
    api.put("/api/v1/messages/" + UUID.randomUUID() + "/reactions/ok", c.member().token(), null)
        .problem(404, "message_not_found");
    api.delete("/api/v1/messages/" + m, c.member().token()).expect(204);
    api.put(thumbs, c.member().token(), null).problem(404, "message_not_found");
    assertThat(api.get("/api/v1/messages/" + m, c.owner().token()).json().get("reactions"))
        .as("a tombstone drops its reactions")
        .isEmpty();
  }

  @Test
  void racingReactionsAndRepliesStayExact() throws Exception {
    Cast c = cast("public");
    String root = api.postMessage(c.member(), c.channel(), "race").expect(201).text("id");
    String thumbs = "/api/v1/messages/" + root + "/reactions/" + emoji("👍");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<CompletableFuture<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(
            CompletableFuture.supplyAsync(() -> api.put(thumbs, c.member().token(), null), pool));
        int n = i;
        calls.add(
            CompletableFuture.supplyAsync(
                () -> reply(c.admin(), c.channel(), root, "reply " + n), pool));
      }
      int added = 0;
      int replies = 0;
      for (CompletableFuture<Response> call : calls) {
        Response r = call.get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        if (r.json().has("reactions") && r.json().has("messageId")) {
          added += r.status() == 201 ? 1 : 0;
        } else {
          replies++;
        }
      }
      assertThat(added).as("one PUT adds, the others find it there").isEqualTo(1);
      assertThat(replies).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
    JsonNode thread =
        api.get("/api/v1/messages/" + root + "/replies", c.member().token()).expect(200).json();
    assertThat(thread.get("root").get("replyCount").asLong()).isEqualTo(10);
    assertThat(thread.get("items")).hasSize(10);
    assertThat(thread.get("root").get("reactions")).hasSize(1);
    assertThat(thread.get("root").get("reactions").get(0).get("count").asLong()).isEqualTo(1);
  }

  @Test
  void nonMembersOfAPublicChannelReadReactionsButDoNotReact() {
    Cast c = cast("public");
    String m = api.postMessage(c.member(), c.channel(), "public").expect(201).text("id");
    String path = "/api/v1/messages/" + m + "/reactions/ok";
    api.put(path, c.outsider().token(), null).problem(403, "forbidden");
    api.put(path, c.member().token(), null).expect(201);
    JsonNode seen = api.get("/api/v1/messages/" + m, c.outsider().token()).expect(200).json();
    assertThat(seen.get("reactions").get(0).get("count").asLong()).isEqualTo(1);
    api.patch(c.base(), c.owner().token(), Map.of("archived", true)).expect(200);
    api.put(path, c.admin().token(), null).problem(409, "channel_archived");
  }

  @Test
  void pagesAndStreamsCarryReactionsWithOneQueryPerBatch() {
    Cast c = cast("public");
    Storage storage = context.getBean(Storage.class);
    ChannelId channel = ChannelId.parse(c.channel());
    UserId author = UserId.parse(c.member().id());
    Flux.range(1, 600)
        .flatMap(i -> storage.messages().post(NewMessage.of(channel, author, "m" + i)), 8)
        .blockLast(Duration.ofSeconds(60));
    // the owner reacts to every tenth of the newest 150: positions 600, 590, ..., 460
    JsonNode newest = api.get(c.base() + "/messages?limit=150", c.owner().token()).json();
    for (int i = 0; i < 150; i += 10) {
      String id = newest.get("items").get(i).get("id").asString();
      api.put("/api/v1/messages/" + id + "/reactions/ok", c.owner().token(), null).expect(201);
    }

    double before = summarizeQueries();
    JsonNode page = api.get(c.base() + "/messages?limit=150", c.owner().token()).json();
    assertThat(summarizeQueries() - before).as("one summarize for a page").isEqualTo(1);
    int withReactions = 0;
    for (JsonNode m : page.get("items")) {
      if (!m.get("reactions").isEmpty()) {
        withReactions++;
        assertThat(m.get("seq").asLong() % 10).isZero();
        assertThat(m.get("reactions").get(0).get("me").asBoolean()).isTrue();
      }
    }
    assertThat(withReactions).isEqualTo(15);

    before = summarizeQueries();
    Response ndjson =
        api.call(
                HttpMethod.GET,
                c.base() + "/messages",
                c.member().token(),
                null,
                h -> h.setAccept(List.of(MediaType.APPLICATION_NDJSON)))
            .expect(200);
    String[] lines = ndjson.body().split("\n");
    assertThat(lines).hasSize(600);
    assertThat(summarizeQueries() - before)
        .as("one summarize per 256 streamed messages")
        .isEqualTo(3);
    JsonNode line460 = Api.JSON.readTree(lines[459]);
    assertThat(line460.get("seq").asLong()).isEqualTo(460);
    assertThat(line460.get("reactions").get(0).get("emoji").asString()).isEqualTo("ok");
    assertThat(line460.get("reactions").get(0).get("me").asBoolean()).isFalse();
    assertThat(Api.JSON.readTree(lines[460]).get("reactions")).isEmpty();

    String after459 = page.get("items").get(141).get("cursor").asString();
    List<String> events =
        client
            .get()
            .uri(c.base() + "/messages")
            .headers(
                h -> {
                  h.setBearerAuth(c.owner().token());
                  h.set("Last-Event-ID", after459);
                })
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .filter(data -> data.startsWith("{"))
            .take(11)
            .collectList()
            .block(Duration.ofSeconds(30));
    assertThat(events).hasSize(11);
    JsonNode first = Api.JSON.readTree(events.get(0));
    assertThat(first.get("seq").asLong()).isEqualTo(460);
    assertThat(first.get("reactions").get(0).get("me").asBoolean()).isTrue();
    assertThat(Api.JSON.readTree(events.get(1)).get("reactions")).isEmpty();
    assertThat(Api.JSON.readTree(events.get(10)).get("reactions").get(0).get("count").asLong())
        .isEqualTo(1);
  }

  // ---- read state and receipts

  @Test
  void readPositionsMoveForwardOnlyAndUnreadCountsCoverEveryChannel() {
    Cast c = cast("private");
    String second = api.channel(c.member(), unique("mine"), "public");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(api.postMessage(c.owner(), c.channel(), "m" + i).expect(201).text("id"));
    }
    api.postMessage(c.member(), second, "one").expect(201);
    String read = c.base() + "/read";
    Response marked = api.put(read, c.member().token(), Map.of("seq", 3)).expect(200);
    assertThat(marked.json().get("readSeq").asLong()).isEqualTo(3);
    assertThat(marked.json().get("lastSeq").asLong()).isEqualTo(5);
    assertThat(marked.json().get("unread").asLong()).isEqualTo(2);
    assertThat(api.put(read, c.member().token(), Map.of("seq", 1)).json().get("readSeq").asLong())
        .as("never backwards")
        .isEqualTo(3);
    assertThat(api.put(read, c.member().token(), Map.of("seq", 99)).json().get("readSeq").asLong())
        .as("never past the newest message")
        .isEqualTo(5);
    api.put(read, c.admin().token(), Map.of("seq", 2)).expect(200);

    JsonNode unread = api.get("/api/v1/users/me/unread", c.member().token()).expect(200).json();
    Map<String, Long> byChannel = new HashMap<>();
    unread
        .get("items")
        .forEach(i -> byChannel.put(i.get("channelId").asString(), i.get("unread").asLong()));
    assertThat(byChannel).containsEntry(c.channel(), 0L).containsKey(second).hasSize(2);
    JsonNode adminUnread = api.get("/api/v1/users/me/unread", c.admin().token()).json();
    assertThat(adminUnread.get("items").get(0).get("unread").asLong()).isEqualTo(3);
    assertThat(api.get("/api/v1/users/me/unread", c.outsider().token()).json().get("items"))
        .isEmpty();
    api.get("/api/v1/users/me/unread", null).problem(401, "unauthorized");

    // receipts: who has read up to a message, paged in user-id order
    String receipts = "/api/v1/messages/" + ids.get(1) + "/receipts";
    JsonNode all = api.get(receipts, c.owner().token()).expect(200).json();
    List<String> readers = new ArrayList<>();
    all.get("items").forEach(i -> readers.add(i.get("userId").asString()));
    assertThat(readers).containsExactlyInAnyOrder(c.member().id(), c.admin().id());
    JsonNode firstPage = api.get(receipts + "?limit=1", c.owner().token()).json();
    assertThat(firstPage.get("items")).hasSize(1);
    JsonNode secondPage =
        api.get(receipts + "?limit=1&after=" + firstPage.get("next").asString(), c.owner().token())
            .json();
    assertThat(secondPage.get("items").get(0).get("userId").asString()).isEqualTo(readers.get(1));
    JsonNode fifth =
        api.get("/api/v1/messages/" + ids.get(4) + "/receipts", c.member().token()).json();
    assertThat(fifth.get("items")).hasSize(1);
    api.get(
            "/api/v1/messages/"
                + ids.get(4)
                + "/receipts?after="
                + firstPage.get("next").asString(),
            c.owner().token())
        .problem(400, "invalid_cursor");
    api.get(receipts + "?after=forged", c.owner().token()).problem(400, "invalid_cursor");
    api.get(receipts, c.outsider().token()).problem(404, "message_not_found");
    api.get(receipts, null).problem(401, "unauthorized");

    // marking read: members only
    api.put(read, c.outsider().token(), Map.of("seq", 1)).problem(404, "channel_not_found");
    api.put("/api/v1/channels/" + second + "/read", c.outsider().token(), Map.of("seq", 1))
        .problem(403, "forbidden");
    api.put(read, null, Map.of("seq", 1)).problem(401, "unauthorized");
    api.put(read, c.member().token(), Map.of("seq", -1)).problem(400, "validation_failed");
    api.put(read, c.member().token(), "{}").problem(400, "validation_failed");
    api.put(read, c.member().token(), "{\"seq\":\"x\"}").problem(400, "wrong_type");
    api.put(read, c.member().token(), "{\"seq\":1,\"all\":true}").problem(400, "unknown_field");
    api.put(read, c.member().token(), "{\"seq\":").problem(400, "malformed_json");
  }

  // ---- search

  @Test
  void searchFindsWordsAndPrefixesOnlyInReadableChannels() {
    Cast c = cast("private");
    String open = api.channel(c.outsider(), unique("open"), "public");
    String word = "zq" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    String secret =
        api.postMessage(c.member(), c.channel(), "the " + word + " secret plan")
            .expect(201)
            .text("id");
    String fox =
        api.postMessage(c.outsider(), open, "a quick " + word + " fox").expect(201).text("id");
    String other =
        api.postMessage(c.outsider(), open, word + "ling prefix only").expect(201).text("id");
    api.postMessage(c.outsider(), open, "nothing to see").expect(201);

    assertThat(hits(search(c.member(), "q=" + word))).containsExactlyInAnyOrder(secret, fox);
    assertThat(hits(search(c.outsider(), "q=" + word)))
        .as("private channels of others stay private")
        .containsExactly(fox);
    assertThat(hits(search(c.member(), "q=" + word.toUpperCase() + "*")))
        .containsExactlyInAnyOrder(secret, fox, other);
    assertThat(hits(search(c.member(), "q=" + word + " fox"))).containsExactly(fox);
    assertThat(hits(search(c.member(), "q=" + word + "&channel=" + c.channel())))
        .containsExactly(secret);
    assertThat(hits(search(c.member(), "q=" + word + "*&author=" + c.outsider().id())))
        .containsExactlyInAnyOrder(fox, other);
    assertThat(hits(search(c.member(), "q=" + word + "*&order=recency")))
        .containsExactly(other, fox, secret);
    Instant future = Instant.now().plus(Duration.ofDays(1));
    assertThat(hits(search(c.member(), "q=" + word + "&from=" + future))).isEmpty();
    assertThat(hits(search(c.member(), "q=" + word + "&to=" + future))).hasSize(2);

    // paging: the cursor continues the same query and no other
    for (String order : List.of("relevance", "recency")) {
      List<String> paged = new ArrayList<>();
      String q = "q=" + word + "*&order=" + order + "&limit=1";
      JsonNode page = search(c.member(), q);
      while (true) {
        paged.addAll(hits(page));
        if (page.get("next").isNull()) {
          break;
        }
        assertThat(paged).as("bounded paging").hasSizeLessThan(4);
        page = search(c.member(), q + "&cursor=" + page.get("next").asString());
      }
      assertThat(paged).as(order).containsExactlyInAnyOrder(secret, fox, other);
      if (order.equals("recency")) {
        assertThat(paged).containsExactly(other, fox, secret);
      }
    }
    String cursor = search(c.member(), "q=" + word + "*&limit=1").get("next").asString();
    api.get("/api/v1/search?q=other&cursor=" + cursor, c.member().token())
        .problem(400, "invalid_cursor");
    api.get("/api/v1/search?q=" + word + "*&order=recency&cursor=" + cursor, c.member().token())
        .problem(400, "invalid_cursor");
    api.get("/api/v1/search?q=" + word + "&cursor=forged", c.member().token())
        .problem(400, "invalid_cursor");

    // deleted messages are not found
    api.delete("/api/v1/messages/" + fox, c.outsider().token()).expect(204);
    assertThat(hits(search(c.member(), "q=" + word))).containsExactly(secret);

    // authorization and errors
    api.get("/api/v1/search?q=" + word + "&channel=" + c.channel(), c.outsider().token())
        .problem(404, "channel_not_found");
    api.get("/api/v1/search?q=" + word, null).problem(401, "unauthorized");
    String s = "/api/v1/search";
    api.get(s, c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q= !?", c.member().token()).problem(400, "validation_failed");
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 17; i++) {
      many.append("w").append(i).append(' ');
    }
    api.get(s + "?q=" + many, c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=" + "a".repeat(201), c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x&order=best", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x&channel=nope", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x&author=nope", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x&from=yesterday", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x&from=" + future + "&to=" + future, c.member().token())
        .problem(400, "validation_failed");
    api.get(s + "?q=x&limit=0", c.member().token()).problem(400, "validation_failed");
    api.get(s + "?q=x' OR 1=1 --", c.member().token()).expect(200);
  }

  JsonNode search(User u, String query) {
    return api.get("/api/v1/search?" + query, u.token()).expect(200).json();
  }

  static List<String> hits(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(h -> ids.add(h.get("message").get("id").asString()));
    return ids;
  }

  // ---- retention

  @Test
  void retentionIsSetByAdminsAndTheJobPurgesExpiredMessages() {
    Cast c = cast("private");
    String path = c.base() + "/retention";
    Response set = api.put(path, c.admin().token(), Map.of("days", 30)).expect(200);
    assertThat(set.text("keep")).isEqualTo("P30D");
    assertThat(set.json().get("days").asLong()).isEqualTo(30);
    Response hours = api.put(path, c.owner().token(), Map.of("keep", "PT12H")).expect(200);
    assertThat(hours.text("keep")).isEqualTo("PT12H");
    assertThat(hours.json().get("days").isNull()).isTrue();
    assertThat(api.get(path, c.member().token()).expect(200).text("keep")).isEqualTo("PT12H");
    Response cleared = api.put(path, c.owner().token(), "{\"days\":null}").expect(200);
    assertThat(cleared.json().get("keep").isNull()).isTrue();
    api.put(path, c.owner().token(), "{\"keep\":null}").expect(200);

    // authorization
    api.put(path, c.member().token(), Map.of("days", 1)).problem(403, "forbidden");
    api.put(path, c.outsider().token(), Map.of("days", 1)).problem(404, "channel_not_found");
    api.get(path, c.outsider().token()).problem(404, "channel_not_found");
    api.put(path, null, Map.of("days", 1)).problem(401, "unauthorized");

    // errors
    api.put(path, c.owner().token(), "{}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"days\":1,\"keep\":\"P1D\"}")
        .problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"days\":0}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"days\":-3}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"days\":36526}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"days\":1.5}").problem(400, "wrong_type");
    api.put(path, c.owner().token(), "{\"days\":\"7\"}").problem(400, "wrong_type");
    api.put(path, c.owner().token(), "{\"keep\":\"a week\"}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"keep\":\"PT0.5S\"}").problem(400, "validation_failed");
    api.put(path, c.owner().token(), "{\"keep\":7}").problem(400, "wrong_type");
    api.put(path, c.owner().token(), "{\"forever\":true}").problem(400, "unknown_field");
    api.put(path, c.owner().token(), "[]").problem(400, "wrong_type");
    api.put(path, c.owner().token(), "{\"days\":").problem(400, "malformed_json");
    api.put("/api/v1/channels/" + UUID.randomUUID() + "/retention", c.owner().token(), "{}")
        .problem(400, "validation_failed");
    api.put(
            "/api/v1/channels/" + UUID.randomUUID() + "/retention",
            c.owner().token(),
            "{\"days\":1}")
        .problem(404, "channel_not_found");

    // the job: messages older than the policy go, in bounded batches, and the audit log says so
    for (int i = 1; i <= 5; i++) {
      api.postMessage(c.member(), c.channel(), "old " + i).expect(201);
    }
    api.put(path, c.owner().token(), Map.of("keep", "PT1H")).expect(200);
    RetentionReport report;
    clock.advance(Duration.ofHours(2));
    try {
      report = context.getBean(RetentionJob.class).runOnce().block(Duration.ofSeconds(60));
    } finally {
      clock.advance(Duration.ofHours(-2));
    }
    assertThat(report).isNotNull();
    assertThat(report.messagesPurged()).isGreaterThanOrEqualTo(5);
    assertThat(report.batches()).as("batch size 2").isGreaterThanOrEqualTo(3);
    assertThat(api.get(c.base() + "/messages", c.member().token()).json().get("items")).isEmpty();
    JsonNode audit = api.get(c.base() + "/audit?limit=500", c.owner().token()).json();
    long purges = 0;
    for (JsonNode e : audit.get("items")) {
      if (e.get("action").asString().equals("message_purged")) {
        purges++;
        assertThat(e.get("actorId").isNull()).as("the job acts for no one").isTrue();
      }
    }
    assertThat(purges).isEqualTo(5);
  }

  // ---- audit log

  @Test
  void theAuditLogNamesWhoChangedWhatAndOnlyAdminsReadIt() {
    Cast c = cast("private");
    User guest = user();
    String base = c.base();
    api.put(base + "/members/" + guest.id(), c.admin().token(), Map.of("role", "member"))
        .expect(201);
    api.put(base + "/members/" + guest.id(), c.owner().token(), Map.of("role", "moderator"))
        .expect(200);
    api.delete(base + "/members/" + guest.id(), c.admin().token()).expect(204);
    String m = api.postMessage(c.member(), c.channel(), "to be removed").expect(201).text("id");
    api.delete("/api/v1/messages/" + m, c.admin().token()).expect(204);
    api.patch(base, c.owner().token(), Map.of("topic", "audited")).expect(200);
    api.put(base + "/retention", c.admin().token(), Map.of("days", 7)).expect(200);

    JsonNode page = api.get(base + "/audit", c.admin().token()).expect(200).json();
    List<String> actions = new ArrayList<>();
    List<String> actors = new ArrayList<>();
    page.get("items")
        .forEach(
            e -> {
              actions.add(e.get("action").asString());
              actors.add(e.get("actorId").isNull() ? null : e.get("actorId").asString());
            });
    assertThat(actions.subList(0, 6))
        .containsExactly(
            "retention_changed",
            "channel_updated",
            "message_deleted",
            "member_removed",
            "member_role_changed",
            "member_added");
    assertThat(actors.subList(0, 6))
        .as("the signed-in user is the actor")
        .containsExactly(
            c.admin().id(),
            c.owner().id(),
            c.admin().id(),
            c.admin().id(),
            c.owner().id(),
            c.admin().id());
    JsonNode deleted = page.get("items").get(2);
    assertThat(deleted.get("targetMessageId").asString()).isEqualTo(m);
    assertThat(page.get("items").get(4).get("targetUserId").asString()).isEqualTo(guest.id());
    assertThat(page.get("items").get(4).get("detail").asString()).isEqualTo("role=MODERATOR");

    // paging, newest first
    JsonNode first = api.get(base + "/audit?limit=2", c.owner().token()).json();
    assertThat(first.get("items")).hasSize(2);
    JsonNode second =
        api.get(base + "/audit?limit=2&cursor=" + first.get("next").asString(), c.owner().token())
            .json();
    assertThat(second.get("items").get(0).get("action").asString()).isEqualTo("message_deleted");

    // authorization and errors
    api.get(base + "/audit", c.member().token()).problem(403, "forbidden");
    api.get(base + "/audit", c.outsider().token()).problem(404, "channel_not_found");
    api.get(base + "/audit", null).problem(401, "unauthorized");
    api.get(base + "/audit?cursor=forged", c.owner().token()).problem(400, "invalid_cursor");
    String memberCursor =
        api.get(base + "/members?limit=1", c.owner().token()).json().get("next").asString();
    api.get(base + "/audit?cursor=" + memberCursor, c.owner().token())
        .problem(400, "invalid_cursor");
    api.get(base + "/audit?limit=x", c.owner().token()).problem(400, "validation_failed");
    String open = api.channel(c.owner(), unique("pub"), "public");
    api.get("/api/v1/channels/" + open + "/audit", c.outsider().token()).problem(403, "forbidden");
  }

  // ---- edit history

  @Test
  void editHistoryIsReadByTheAuthorAndChannelAdmins() {
    Cast c = cast("private");
    String m = api.postMessage(c.member(), c.channel(), "first").expect(201).text("id");
    String path = "/api/v1/messages/" + m;
    api.call(
            HttpMethod.PATCH,
            path,
            c.member().token(),
            Map.of("body", "second"),
            h -> h.setIfMatch("\"1\""))
        .expect(200);
    api.call(
            HttpMethod.PATCH,
            path,
            c.admin().token(),
            Map.of("body", "third"),
            h -> h.setIfMatch("\"2\""))
        .expect(200);

    JsonNode edits = api.get(path + "/edits", c.member().token()).expect(200).json();
    assertThat(edits.get("items")).hasSize(2);
    assertThat(edits.get("items").get(0).get("body").asString()).isEqualTo("first");
    assertThat(edits.get("items").get(0).get("version").asLong()).isEqualTo(1);
    assertThat(edits.get("items").get(0).get("editedBy").asString()).isEqualTo(c.member().id());
    assertThat(edits.get("items").get(1).get("body").asString()).isEqualTo("second");
    assertThat(edits.get("items").get(1).get("editedBy").asString())
        .as("the admin's edit names the admin")
        .isEqualTo(c.admin().id());
    api.get(path + "/edits", c.admin().token()).expect(200);
    api.get(path + "/edits", c.owner().token()).expect(200);

    JsonNode first = api.get(path + "/edits?limit=1", c.owner().token()).json();
    assertThat(first.get("items").get(0).get("body").asString()).isEqualTo("first");
    JsonNode second =
        api.get(path + "/edits?limit=1&after=" + first.get("next").asString(), c.owner().token())
            .json();
    assertThat(second.get("items").get(0).get("body").asString()).isEqualTo("second");

    // authorization and errors
    User other = user();
    api.put(c.base() + "/members/" + other.id(), c.owner().token(), Map.of("role", "moderator"))
        .expect(201);
    api.get(path + "/edits", other.token()).problem(403, "forbidden");
    api.get(path + "/edits", c.outsider().token()).problem(404, "message_not_found");
    api.get(path + "/edits", null).problem(401, "unauthorized");
    String unedited =
        api.postMessage(c.member(), c.channel(), "never edited").expect(201).text("id");
    assertThat(
            api.get("/api/v1/messages/" + unedited + "/edits", c.member().token())
                .json()
                .get("items"))
        .isEmpty();
    api.get(
            "/api/v1/messages/" + unedited + "/edits?after=" + first.get("next").asString(),
            c.member().token())
        .problem(400, "invalid_cursor");
    api.get(path + "/edits?after=forged", c.member().token()).problem(400, "invalid_cursor");
    api.get("/api/v1/messages/" + UUID.randomUUID() + "/edits", c.member().token())
        .problem(404, "message_not_found");
  }

  // ---- the actor filter

  @Test
  void aStaleTokenDoesNotStopRegistrationOrLoginAndStillGets401Elsewhere() {
    String name = unique("stale");
    api.call(
            HttpMethod.POST,
            "/api/v1/users",
            "x".repeat(43),
            Map.of("username", name, "password", "password1"),
            h -> {})
        .expect(201);
    api.call(
            HttpMethod.POST,
            "/api/v1/sessions",
            "x".repeat(43),
            Map.of("username", name, "password", "password1"),
            h -> {})
        .expect(201);
    api.get("/api/v1/users/me/unread", "x".repeat(43)).problem(401, "unauthorized");
    api.call(
            HttpMethod.GET,
            "/api/v1/users/me/unread",
            null,
            null,
            h -> h.set("Authorization", "Basic abc"))
        .problem(401, "unauthorized");
  }

  @Test
  void theOpenApiDocumentListsTheConversationEndpoints() {
    JsonNode paths = api.get("/v3/api-docs", null).expect(200).json().get("paths");
    assertThat(paths.has("/api/v1/messages/{id}/replies")).isTrue();
    assertThat(paths.get("/api/v1/messages/{id}/reactions/{emoji}").has("put")).isTrue();
    assertThat(paths.get("/api/v1/messages/{id}/reactions/{emoji}").has("delete")).isTrue();
    assertThat(paths.has("/api/v1/channels/{id}/read")).isTrue();
    assertThat(paths.has("/api/v1/users/me/unread")).isTrue();
    assertThat(paths.has("/api/v1/messages/{id}/receipts")).isTrue();
    assertThat(paths.has("/api/v1/search")).isTrue();
    assertThat(paths.get("/api/v1/channels/{id}/retention").has("put")).isTrue();
    assertThat(paths.has("/api/v1/channels/{id}/audit")).isTrue();
    assertThat(paths.has("/api/v1/messages/{id}/edits")).isTrue();
    List<String> names = new ArrayList<>();
    paths
        .get("/api/v1/search")
        .get("get")
        .get("parameters")
        .forEach(p -> names.add(p.get("name").asString()));
    assertThat(names)
        .as("the caller comes from the bearer token, not a parameter")
        .containsExactly("q", "channel", "author", "from", "to", "order", "cursor", "limit");
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }
}
