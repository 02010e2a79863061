package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Threads: replies, the root's reply count and last reply time (exact under concurrent replies),
 * keyset pages of replies, and the documented rules for deleting and purging roots and replies (see
 * {@link MessageStore}).
 */
public abstract class ThreadContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected ThreadContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  private Message reply(Message root, String body) {
    return await(
            messages()
                .post(NewMessage.of(root.channelId(), root.authorId(), body).withParent(root.id())))
        .message();
  }

  private Message find(MessageId id) {
    return await(messages().findById(id));
  }

  @Test
  void aNewMessageHasNoReplies() {
    Message root = post(newChannel(), "root");
    assertThat(root.replyCount()).isZero();
    assertThat(root.lastReplyAt()).isNull();
    assertThat(find(root.id()).replyCount()).isZero();
  }

  @Test
  void repliesCountOnTheirRootWithTheNewestReplyTime() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    clock.advance(Duration.ofSeconds(5));
    Message first = reply(root, "first");
    clock.advance(Duration.ofSeconds(5));
    Message second = reply(root, "second");
    assertThat(first.parentId()).isEqualTo(root.id());
    Message found = find(root.id());
    assertThat(found.replyCount()).isEqualTo(2);
    assertThat(found.lastReplyAt()).isEqualTo(second.createdAt());
    assertThat(found.lastReplyAt()).isAfter(first.createdAt());
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 10))
        .as(StepVerifier::create)
        .as("history pages carry the counts too")
        .expectNext(found, first, second)
        .verifyComplete();
    assertThat(find(first.id()).replyCount()).as("a reply has no replies of its own").isZero();
  }

  @Test
  void replyCountsStayExactUnderConcurrentReplies() {
    Channel channel = newChannel();
    Message root = post(channel, "busy thread");
    List<User> writers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      User user = newUser();
      await(storage().channels().putMember(channel.id(), user.id(), Role.MEMBER));
      writers.add(user);
    }
    List<Message> replies =
        awaitAll(
            Flux.fromIterable(writers)
                .flatMap(
                    writer ->
                        Flux.range(1, 50)
                            .concatMap(
                                i -> {
                                  clock.advance(Duration.ofMillis(1));
                                  return messages()
                                      .post(
                                          NewMessage.of(channel.id(), writer.id(), "r" + i)
                                              .withParent(root.id()));
                                })
                            .map(r -> r.message()),
                    8));
    assertThat(replies).hasSize(400);
    Instant newest =
        replies.stream().map(Message::createdAt).max(Comparator.naturalOrder()).orElseThrow();
    Message found = find(root.id());
    assertThat(found.replyCount()).as("8 writers x 50 replies").isEqualTo(400);
    assertThat(found.lastReplyAt()).isEqualTo(newest);
  }

  @Test
  void repliesArePagedByKeysetInPositionOrder() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message other = post(channel, "another root");
    List<Message> expected = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      expected.add(reply(root, "reply " + i));
      reply(other, "noise " + i);
      post(channel, "top level " + i);
    }
    List<Message> pages = new ArrayList<>();
    long after = 0;
    int reads = 0;
    while (true) {
      List<Message> page = awaitAll(messages().replies(root.id(), after, 3));
      reads++;
      assertThat(page.size()).isLessThanOrEqualTo(3);
      if (page.isEmpty()) {
        break;
      }
      pages.addAll(page);
      after = page.get(page.size() - 1).seq();
      assertThat(reads).as("bounded").isLessThan(10);
    }
    assertThat(pages).as("no duplicates, no gaps").isEqualTo(expected);
    assertThat(reads).isEqualTo(4);
    assertThat(pages).allSatisfy(m -> assertThat(m.parentId()).isEqualTo(root.id()));
  }

  @Test
  void repliesOfAMessageWithoutRepliesOrOfAnUnknownOneAreEmpty() {
    Message root = post(newChannel(), "lonely");
    messages().replies(root.id(), 0, 10).as(StepVerifier::create).verifyComplete();
    messages().replies(MessageId.generate(), 0, 10).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void deletingARootKeepsItsRepliesAndItsCounts() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message first = reply(root, "first");
    Message second = reply(root, "second");
    Message tombstone = await(messages().delete(root.id()));
    assertThat(tombstone.deleted()).isTrue();
    assertThat(tombstone.replyCount()).as("the tombstone still anchors the thread").isEqualTo(2);
    assertThat(tombstone.lastReplyAt()).isEqualTo(second.createdAt());
    messages()
        .replies(root.id(), 0, 10)
        .as(StepVerifier::create)
        .expectNext(first, second)
        .verifyComplete();
  }

  @Test
  void deletingAReplyKeepsTheCountAndHidesTheReply() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message first = reply(root, "first");
    Message second = reply(root, "second");
    await(messages().delete(first.id()));
    Message found = find(root.id());
    assertThat(found.replyCount()).as("tombstones count").isEqualTo(2);
    assertThat(found.lastReplyAt()).isEqualTo(second.createdAt());
    messages()
        .replies(root.id(), 0, 10)
        .as(StepVerifier::create)
        .as("tombstones skipped")
        .expectNext(second)
        .verifyComplete();
  }

  @Test
  void purgingARootLeavesItsRepliesInPlace() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message first = reply(root, "first");
    Message second = reply(root, "second");
    awaitOrNull(messages().purge(root.id()));
    messages().findById(root.id()).as(StepVerifier::create).verifyComplete();
    messages()
        .replies(root.id(), 0, 10)
        .as(StepVerifier::create)
        .as("replies keep a parent id that no longer resolves")
        .expectNext(first, second)
        .verifyComplete();
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 10))
        .as(StepVerifier::create)
        .expectNext(first, second)
        .verifyComplete();
  }

  @Test
  void purgingARepliesUncountsItAndMovesTheLastReplyTimeBack() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    clock.advance(Duration.ofSeconds(1));
    Message first = reply(root, "first");
    clock.advance(Duration.ofSeconds(1));
    Message second = reply(root, "second");
    clock.advance(Duration.ofSeconds(1));
    Message third = reply(root, "third");
    awaitOrNull(messages().purge(third.id()));
    Message found = find(root.id());
    assertThat(found.replyCount()).isEqualTo(2);
    assertThat(found.lastReplyAt()).isEqualTo(second.createdAt());
    awaitOrNull(messages().purge(first.id()));
    found = find(root.id());
    assertThat(found.replyCount()).isEqualTo(1);
    assertThat(found.lastReplyAt()).as("the newest remaining reply").isEqualTo(second.createdAt());
    awaitOrNull(messages().purge(second.id()));
    found = find(root.id());
    assertThat(found.replyCount()).isZero();
    assertThat(found.lastReplyAt()).isNull();
    Message again = reply(root, "again");
    assertThat(find(root.id()).replyCount()).isEqualTo(1);
    assertThat(find(root.id()).lastReplyAt()).isEqualTo(again.createdAt());
  }

  @Test
  void purgingATombstonedReplyRecountsTheRootFromTheRepliesThatRemain() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    clock.advance(Duration.ofSeconds(1));
    Message kept = reply(root, "kept");
    clock.advance(Duration.ofSeconds(1));
    Message doomed = reply(root, "doomed");
    await(messages().delete(doomed.id()));
    assertThat(find(root.id()).replyCount()).as("the tombstone still counts").isEqualTo(2);
    awaitOrNull(messages().purge(doomed.id()));
    Message found = find(root.id());
    assertThat(found.replyCount()).isEqualTo(1);
    assertThat(found.lastReplyAt()).as("the newest remaining reply").isEqualTo(kept.createdAt());
  }

  @Test
  void editingARootKeepsItsCounts() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message first = reply(root, "first");
    messages()
        .edit(root.id(), 1, "root, edited")
        .as(StepVerifier::create)
        .assertNext(
            edited -> {
              assertThat(edited.replyCount()).isEqualTo(1);
              assertThat(edited.lastReplyAt()).isEqualTo(first.createdAt());
            })
        .verifyComplete();
  }

  @Test
  void replyPagingChecksItsArgumentsAtCallTime() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> messages().replies(MessageId.generate(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> messages().replies(MessageId.generate(), -1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
