package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The contract of {@link SearchStore}: the same queries find the same messages on every backend
 * (exact words, prefixes, several terms, any case; stemming is not applied), filters, both orders,
 * keyset paging, the viewer's readable channels only, and an index kept in step with edits, deletes
 * and purges.
 *
 * <p>Each test searches for words made unique to it, so tests sharing the storage do not see each
 * other's messages.
 */
public abstract class SearchStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected SearchStoreContractTests() {}

  private SearchStore search() {
    return storage().search();
  }

  /** A word of letters and digits unique to the calling test. */
  private static String word() {
    return "q" + TestData.token(10);
  }

  private static SearchQuery query(String text, UserId viewer) {
    return SearchQuery.of(text, viewer, 500);
  }

  private static SearchQuery query(
      String text,
      UserId viewer,
      @Nullable Channel channel,
      @Nullable UserId author,
      @Nullable Instant from,
      @Nullable Instant to,
      SearchOrder order,
      int limit) {
    return new SearchQuery(
        text, viewer, channel == null ? null : channel.id(), author, from, to, order, null, limit);
  }

  private List<Message> found(SearchQuery query) {
    return awaitAll(search().search(query)).stream().map(SearchHit::message).toList();
  }

  private Set<MessageId> ids(SearchQuery query) {
    Set<MessageId> ids = new HashSet<>();
    found(query).forEach(m -> ids.add(m.id()));
    return ids;
  }

  private static Set<MessageId> idsOf(Message... messages) {
    Set<MessageId> ids = new HashSet<>();
    for (Message m : messages) {
      ids.add(m.id());
    }
    return ids;
  }

  private Message postAs(Channel channel, UserId author, String body) {
    return await(storage().messages().post(NewMessage.of(channel.id(), author, body))).message();
  }

  @Test
  void theSameQueriesFindTheSameMessagesOnEveryBackend() {
    String a = word();
    String b = word();
    String c = word();
    Channel channel = newChannel();
    UserId viewer = newUser().id();
    Map<String, Message> corpus = new LinkedHashMap<>();
    for (String body :
        List.of(
            a + " " + b,
            "The " + a.toUpperCase(java.util.Locale.ROOT) + ", said " + c + ".",
            b + "-" + c + "!",
            a + "suffix and more",
            "prefix" + a,
            c + " " + c + " 42 café",
            "(" + b + ")? " + a + "_" + c)) {
      corpus.put(body, post(channel, body));
    }
    List<Message> m = new ArrayList<>(corpus.values());
    // word boundaries are any character that is not a letter or digit (the underscore too)
    Map<String, Set<MessageId>> expected = new LinkedHashMap<>();
    expected.put(a, idsOf(m.get(0), m.get(1), m.get(6)));
    expected.put(a.toUpperCase(java.util.Locale.ROOT), idsOf(m.get(0), m.get(1), m.get(6)));
    expected.put(a + "*", idsOf(m.get(0), m.get(1), m.get(3), m.get(6)));
    expected.put(a + " " + b, idsOf(m.get(0), m.get(6)));
    expected.put(b + " " + c, idsOf(m.get(2), m.get(6)));
    expected.put(c + " 42", idsOf(m.get(5)));
    expected.put("café " + c, idsOf(m.get(5)));
    expected.put(a + " " + b + " " + c, idsOf(m.get(6)));
    expected.put(a + "suffix", idsOf(m.get(3)));
    expected.put("prefix" + a, idsOf(m.get(4)));
    expected.put(a.substring(0, 6) + "*", idsOf(m.get(0), m.get(1), m.get(3), m.get(6)));
    expected.put(a.substring(0, 6), Set.of());
    expected.put(a + " " + word(), Set.of());
    expected.forEach(
        (text, ids) -> assertThat(ids(query(text, viewer))).as("query '%s'", text).isEqualTo(ids));
  }

  @Test
  void filtersByChannelAuthorAndTime() {
    String w = word();
    Channel one = newChannel();
    Channel two = newChannel();
    User other = newUser();
    await(storage().channels().putMember(one.id(), other.id(), Role.MEMBER));
    Instant t0 = clock.micros();
    Message early = post(one, w + " early");
    clock.advance(Duration.ofMinutes(1));
    Instant t1 = clock.micros();
    Message byOther = postAs(one, other.id(), w + " by other");
    Message elsewhere = post(two, w + " elsewhere");
    clock.advance(Duration.ofMinutes(1));
    Instant t2 = clock.micros();
    Message late = post(one, w + " late");
    UserId viewer = newUser().id();
    SearchOrder r = SearchOrder.RECENCY;
    assertThat(found(query(w, viewer, one, null, null, null, r, 50)))
        .containsExactly(late, byOther, early);
    assertThat(found(query(w, viewer, null, other.id(), null, null, r, 50)))
        .containsExactly(byOther);
    assertThat(found(query(w, viewer, null, null, t1, null, r, 50)))
        .as("from is inclusive")
        .containsExactly(late, elsewhere, byOther);
    assertThat(found(query(w, viewer, null, null, null, t2, r, 50)))
        .as("to is exclusive")
        .containsExactly(elsewhere, byOther, early);
    assertThat(found(query(w, viewer, one, one.createdBy(), t0, t2, r, 50))).containsExactly(early);
  }

  @Test
  void onlyPublicChannelsAndTheViewersOwnAreSearched() {
    String w = word();
    User owner = newUser();
    Channel hidden =
        await(
            storage()
                .channels()
                .create(
                    new NewChannel(
                        TestData.unique("c"),
                        "secret",
                        ChannelKind.TEXT,
                        Visibility.PRIVATE,
                        null,
                        owner.id())));
    Channel open = newChannel();
    Message secret = post(hidden, w + " secret");
    Message visible = post(open, w + " visible");
    User stranger = newUser();
    User member = newUser();
    await(storage().channels().putMember(hidden.id(), member.id(), Role.MEMBER));
    assertThat(ids(query(w, stranger.id()))).isEqualTo(idsOf(visible));
    assertThat(ids(query(w, member.id()))).isEqualTo(idsOf(secret, visible));
    assertThat(ids(query(w, owner.id()))).isEqualTo(idsOf(secret, visible));
    assertThat(found(query(w, stranger.id(), hidden, null, null, null, SearchOrder.RELEVANCE, 10)))
        .as("naming the channel does not open it")
        .isEmpty();
    awaitOrNull(storage().channels().removeMember(hidden.id(), member.id()));
    assertThat(ids(query(w, member.id()))).as("a former member").isEqualTo(idsOf(visible));
  }

  @Test
  void deletedAndPurgedMessagesAreNeverFound() {
    String w = word();
    Channel channel = newChannel();
    Message kept = post(channel, w + " kept");
    Message deleted = post(channel, w + " deleted");
    Message purged = post(channel, w + " purged");
    UserId viewer = newUser().id();
    assertThat(ids(query(w, viewer))).isEqualTo(idsOf(kept, deleted, purged));
    await(storage().messages().delete(deleted.id()));
    awaitOrNull(storage().messages().purge(purged.id()));
    assertThat(ids(query(w, viewer))).isEqualTo(idsOf(kept));
    assertThat(ids(query("deleted " + w, viewer))).isEmpty();
    awaitOrNull(storage().channels().delete(channel.id()));
    assertThat(ids(query(w, viewer))).as("a deleted channel's messages").isEmpty();
  }

  @Test
  void editsAreReindexed() {
    String before = word();
    String after = word();
    Channel channel = newChannel();
    Message message = post(channel, "say " + before);
    UserId viewer = newUser().id();
    Message edited = await(storage().messages().edit(message.id(), 1, "say " + after));
    assertThat(ids(query(before, viewer))).isEmpty();
    assertThat(found(query(after, viewer))).containsExactly(edited);
  }

  @Test
  void hitsCarryTheMessageAsStoredAndAFiniteScore() {
    String w = word();
    Channel channel = newChannel();
    Message root = post(channel, w + " root");
    await(
        storage()
            .messages()
            .post(NewMessage.of(channel.id(), channel.createdBy(), "reply").withParent(root.id())));
    Message stored = await(storage().messages().findById(root.id()));
    search()
        .search(query(w, newUser().id()))
        .as(StepVerifier::create)
        .assertNext(
            hit -> {
              assertThat(hit.message()).isEqualTo(stored);
              assertThat(hit.message().replyCount()).isEqualTo(1);
              assertThat(Double.isFinite(hit.score())).isTrue();
            })
        .verifyComplete();
  }

  @Test
  void recencyOrdersNewestFirst() {
    String w = word();
    Channel channel = newChannel();
    List<Message> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(post(channel, w + " " + "x ".repeat(i) + "number " + i));
      clock.advance(Duration.ofSeconds(1));
    }
    List<Message> newestFirst = new ArrayList<>(posted);
    newestFirst.sort(Comparator.comparing(Message::id).reversed());
    assertThat(found(query(w, newUser().id(), null, null, null, null, SearchOrder.RECENCY, 50)))
        .isEqualTo(newestFirst);
  }

  @Test
  void relevanceRanksTheBetterMatchFirstAndBreaksTiesNewestFirst() {
    String w = word();
    Channel channel = newChannel();
    Message weak =
        post(channel, w + " " + String.join(" ", java.util.Collections.nCopies(20, "filler")));
    Message strong = post(channel, w + " " + w + " " + w + " " + w);
    Message tieOld = post(channel, "tie " + w + " words");
    Message tieNew = post(channel, "tie " + w + " words");
    List<SearchHit> hits = awaitAll(search().search(query(w, newUser().id())));
    List<Message> order = hits.stream().map(SearchHit::message).toList();
    assertThat(order).hasSize(4);
    assertThat(order.get(0)).as("most occurrences, shortest").isEqualTo(strong);
    assertThat(order.get(3)).as("one occurrence in a long body").isEqualTo(weak);
    assertThat(order.subList(1, 3))
        .as("equal scores: newest first")
        .containsExactly(tieNew, tieOld);
    assertThat(hits.get(1).score()).isEqualTo(hits.get(2).score());
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
  }

  @Test
  void keysetPagesWithNextHaveNoDuplicatesAndNoGapsInBothOrders() {
    String w = word();
    Channel channel = newChannel();
    for (int i = 0; i < 23; i++) {
      // several equal bodies, so relevance has ties to page through
      post(channel, w + " " + "pad ".repeat(i % 4));
    }
    UserId viewer = newUser().id();
    for (SearchOrder order : SearchOrder.values()) {
      List<SearchHit> all =
          awaitAll(search().search(query(w, viewer, channel, null, null, null, order, 500)));
      assertThat(all).hasSize(23);
      List<SearchHit> paged = new ArrayList<>();
      SearchQuery page = query(w, viewer, channel, null, null, null, order, 5);
      for (int round = 0; round < 10; round++) {
        List<SearchHit> hits = awaitAll(search().search(page));
        if (hits.isEmpty()) {
          break;
        }
        assertThat(hits.size()).isLessThanOrEqualTo(5);
        paged.addAll(hits);
        page = page.next(hits.get(hits.size() - 1));
      }
      assertThat(paged.stream().map(h -> h.message().id()).toList())
          .as("%s pages", order)
          .isEqualTo(all.stream().map(h -> h.message().id()).toList());
    }
  }

  @Test
  void queriesAreCheckedAtCallTime() {
    UserId viewer = UserId.generate();
    assertThatThrownBy(() -> SearchQuery.of("  ... !! ", viewer, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SearchQuery.of("word", viewer, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> search().search(null)).isInstanceOf(NullPointerException.class);
    String quotes = "\" OR 1=1 -- " + word() + " NEAR( ) * : ^";
    search()
        .search(SearchQuery.of(quotes, viewer, 10))
        .as(StepVerifier::create)
        .as("query syntax of the engine is never interpreted")
        .verifyComplete();
  }
}
