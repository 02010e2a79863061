package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract of {@link MessageStore}'s writes and read state: post (idempotent), find, edit, soft
 * delete, purge, latest position, mark read and unread count. History reads are in {@link
 * MessageHistoryContractTests}.
 */
public abstract class MessageStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageStoreContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  @Test
  void postAssignsPositionsFromOneAndStoresEveryField() {
    Channel channel = newChannel();
    NewMessage input = NewMessage.of(channel.id(), channel.createdBy(), "hello, world");
    messages()
        .post(input)
        .as(StepVerifier::create)
        .assertNext(
            result -> {
              assertThat(result.replayed()).isFalse();
              Message m = result.message();
              assertThat(m.id()).isNotNull();
              assertThat(m.channelId()).isEqualTo(channel.id());
              assertThat(m.seq()).isEqualTo(1);
              assertThat(m.authorId()).isEqualTo(channel.createdBy());
              assertThat(m.body()).isEqualTo("hello, world");
              assertThat(m.parentId()).isNull();
              assertThat(m.clientTxnId()).isNull();
              assertThat(m.createdAt()).isEqualTo(clock.micros());
              assertThat(m.editedAt()).isNull();
              assertThat(m.deletedAt()).isNull();
              assertThat(m.deleted()).isFalse();
              assertThat(m.version()).isEqualTo(1);
            })
        .verifyComplete();
    assertThat(post(channel, "second").seq()).isEqualTo(2);
    assertThat(post(channel, "third").seq()).isEqualTo(3);
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(3L).verifyComplete();
    assertThat(await(storage().channels().findById(channel.id())).lastSeq()).isEqualTo(3);
  }

  @Test
  void postedMessageIsFoundByIdAsStored() {
    Channel channel = newChannel();
    Message message = post(channel, "find me");
    messages().findById(message.id()).as(StepVerifier::create).expectNext(message).verifyComplete();
  }

  @Test
  void bodiesRoundTripExactly() {
    Channel channel = newChannel();
    String body =
        "  tabs\tand\r\nnew lines, quotes ' \" ` , SQL ' OR 1=1; -- , % _ \\ , emoji \uD83D\uDE00,"
            + " accents \u00e9\u00e8, CJK \u4e2d\u6587  ";
    String longest = "\uD83D\uDE00".repeat(NewMessage.MAX_BODY);
    Message first = post(channel, body);
    Message second = post(channel, longest);
    assertThat(await(messages().findById(first.id())).body()).isEqualTo(body);
    assertThat(await(messages().findById(second.id())).body())
        .as("16,000 code points outside the BMP")
        .isEqualTo(longest);
  }

  @Test
  void postToAMissingChannelIsNotFound() {
    User user = newUser();
    messages()
        .post(NewMessage.of(ChannelId.generate(), user.id(), "lost"))
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void postWithTheSameKeyReturnsTheOriginalMessage() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "once")
            .withClientTxnId("txn-" + TestData.token(8));
    PostResult first = await(messages().post(input));
    assertThat(first.replayed()).isFalse();
    assertThat(first.message().clientTxnId()).isEqualTo(input.clientTxnId());
    clock.advance(Duration.ofSeconds(3));
    messages()
        .post(input)
        .as(StepVerifier::create)
        .assertNext(
            again -> {
              assertThat(again.replayed()).isTrue();
              assertThat(again.message()).isEqualTo(first.message());
            })
        .verifyComplete();
    messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .as("nothing stored")
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void postWithTheSameKeyAndAnotherPayloadIsAnIdempotencyMismatch() {
    Channel channel = newChannel();
    Channel other = newChannel();
    await(storage().channels().putMember(other.id(), channel.createdBy(), Role.MEMBER));
    String key = "txn-" + TestData.token(8);
    Message original =
        await(
                messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "original")
                            .withClientTxnId(key)))
            .message();
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "changed").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("another body")
        .expectErrorMatches(conflict(Reason.IDEMPOTENCY_MISMATCH))
        .verify();
    messages()
        .post(NewMessage.of(other.id(), channel.createdBy(), "original").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("another channel")
        .expectErrorMatches(conflict(Reason.IDEMPOTENCY_MISMATCH))
        .verify();
    messages()
        .post(
            NewMessage.of(channel.id(), channel.createdBy(), "original")
                .withClientTxnId(key)
                .withParent(original.id()))
        .as(StepVerifier::create)
        .as("another parent")
        .expectErrorMatches(conflict(Reason.IDEMPOTENCY_MISMATCH))
        .verify();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
    messages().latestSeq(other.id()).as(StepVerifier::create).expectNext(0L).verifyComplete();
  }

  @Test
  void theSameKeyFromAnotherAuthorIsAnotherMessage() {
    Channel channel = newChannel();
    User other = newUser();
    await(storage().channels().putMember(channel.id(), other.id(), Role.MEMBER));
    String key = "txn-" + TestData.token(8);
    PostResult first =
        await(
            messages()
                .post(
                    NewMessage.of(channel.id(), channel.createdBy(), "same").withClientTxnId(key)));
    PostResult second =
        await(
            messages().post(NewMessage.of(channel.id(), other.id(), "same").withClientTxnId(key)));
    assertThat(second.replayed()).isFalse();
    assertThat(second.message().id()).isNotEqualTo(first.message().id());
    assertThat(second.message().seq()).isEqualTo(2);
  }

  @Test
  void concurrentPostsWithOneKeyStoreOneMessage() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "racing")
            .withClientTxnId("txn-" + TestData.token(8));
    List<PostResult> results = awaitAll(Flux.range(0, 10).flatMap(i -> messages().post(input), 10));
    assertThat(results).hasSize(10);
    assertThat(results)
        .extracting(r -> r.message().id())
        .containsOnly(results.get(0).message().id());
    assertThat(results).filteredOn(r -> !r.replayed()).as("exactly one stored it").hasSize(1);
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @Test
  void aReplyNamesItsParentInTheSameChannel() {
    Channel channel = newChannel();
    Message parent = post(channel, "question");
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "answer").withParent(parent.id()))
        .as(StepVerifier::create)
        .assertNext(r -> assertThat(r.message().parentId()).isEqualTo(parent.id()))
        .verifyComplete();
  }

  @Test
  void aParentInAnotherChannelOrMissingIsAnInvalidArgument() {
    Channel channel = newChannel();
    Channel other = newChannel();
    Message elsewhere = post(other, "elsewhere");
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "reply").withParent(elsewhere.id()))
        .as(StepVerifier::create)
        .expectError(InvalidArgumentException.class)
        .verify();
    messages()
        .post(
            NewMessage.of(channel.id(), channel.createdBy(), "reply")
                .withParent(MessageId.generate()))
        .as(StepVerifier::create)
        .expectError(InvalidArgumentException.class)
        .verify();
    messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .as("nothing stored")
        .expectNext(0L)
        .verifyComplete();
  }

  @Test
  void findByIdIsEmptyForAnUnknownMessage() {
    messages().findById(MessageId.generate()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void editReplacesTheBodyAndIncrementsTheVersion() {
    Channel channel = newChannel();
    Message message = post(channel, "draft");
    Instant later = clock.advance(Duration.ofMinutes(2).plusNanos(999));
    messages()
        .edit(message.id(), 1, "final")
        .as(StepVerifier::create)
        .assertNext(
            edited -> {
              assertThat(edited.body()).isEqualTo("final");
              assertThat(edited.version()).isEqualTo(2);
              assertThat(edited.editedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
              assertThat(edited.seq()).isEqualTo(message.seq());
              assertThat(edited.createdAt()).isEqualTo(message.createdAt());
              assertThat(edited.authorId()).isEqualTo(message.authorId());
            })
        .verifyComplete();
    assertThat(await(messages().findById(message.id())).body()).isEqualTo("final");
  }

  @Test
  void editWithAStaleVersionIsAVersionMismatch() {
    Channel channel = newChannel();
    Message message = post(channel, "v1");
    await(messages().edit(message.id(), 1, "v2"));
    messages()
        .edit(message.id(), 1, "lost")
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.VERSION_MISMATCH))
        .verify();
    assertThat(await(messages().findById(message.id())).body()).isEqualTo("v2");
  }

  @Test
  void editOfAMissingMessageIsNotFoundAndOfADeletedOneAStateConflict() {
    Channel channel = newChannel();
    messages()
        .edit(MessageId.generate(), 1, "x")
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    Message message = post(channel, "doomed");
    Message tombstone = await(messages().delete(message.id()));
    messages()
        .edit(message.id(), tombstone.version(), "revived")
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.STATE))
        .verify();
  }

  @Test
  void deleteLeavesATombstoneThatKeepsIdPositionAuthorAndTimeAndDropsTheBody() {
    Channel channel = newChannel();
    Message parent = post(channel, "parent");
    Message message =
        await(
                messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "secret")
                            .withParent(parent.id())))
            .message();
    Instant later = clock.advance(Duration.ofSeconds(30));
    Message tombstone = await(messages().delete(message.id()));
    assertThat(tombstone.id()).isEqualTo(message.id());
    assertThat(tombstone.channelId()).isEqualTo(channel.id());
    assertThat(tombstone.seq()).isEqualTo(message.seq());
    assertThat(tombstone.authorId()).isEqualTo(message.authorId());
    assertThat(tombstone.parentId()).isEqualTo(parent.id());
    assertThat(tombstone.createdAt()).isEqualTo(message.createdAt());
    assertThat(tombstone.body()).isEmpty();
    assertThat(tombstone.deleted()).isTrue();
    assertThat(tombstone.deletedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(tombstone.version()).isEqualTo(message.version() + 1);
    messages()
        .findById(message.id())
        .as(StepVerifier::create)
        .expectNext(tombstone)
        .verifyComplete();

    clock.advance(Duration.ofSeconds(30));
    messages()
        .delete(message.id())
        .as(StepVerifier::create)
        .as("deleting a tombstone changes nothing")
        .expectNext(tombstone)
        .verifyComplete();
  }

  @Test
  void deleteOfAMissingMessageIsNotFound() {
    messages()
        .delete(MessageId.generate())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void purgeRemovesTheMessageForGoodAndItsPositionIsNotReused() {
    Channel channel = newChannel();
    Message first = post(channel, "first");
    Message second = post(channel, "second");
    Message reply =
        await(
                messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "reply")
                            .withParent(second.id())))
            .message();
    messages().purge(second.id()).as(StepVerifier::create).verifyComplete();
    messages().findById(second.id()).as(StepVerifier::create).verifyComplete();
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 10).withDeleted())
        .as(StepVerifier::create)
        .expectNext(first, reply)
        .verifyComplete();
    messages()
        .findById(reply.id())
        .as(StepVerifier::create)
        .as("replies keep their place")
        .expectNext(reply)
        .verifyComplete();
    assertThat(post(channel, "after").seq()).isEqualTo(4);
    messages()
        .purge(second.id())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    messages()
        .edit(second.id(), 1, "x")
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    messages()
        .delete(second.id())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void purgeRemovesATombstone() {
    Channel channel = newChannel();
    Message message = post(channel, "gone");
    await(messages().delete(message.id()));
    messages().purge(message.id()).as(StepVerifier::create).verifyComplete();
    messages().findById(message.id()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void latestSeqIsZeroForAnEmptyChannelAndNotFoundForAMissingOne() {
    Channel channel = newChannel();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(0L).verifyComplete();
    messages()
        .latestSeq(ChannelId.generate())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void markReadOnlyMovesForwardAndNeverPastTheLastPosition() {
    Channel channel = newChannel();
    postMany(channel, 5);
    UserId owner = channel.createdBy();
    messages()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(5L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), owner, 3)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    messages()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(2L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), owner, 1)
        .as(StepVerifier::create)
        .as("never back")
        .expectNext(3L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), owner, 0)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), owner, 99)
        .as(StepVerifier::create)
        .as("capped")
        .expectNext(5L)
        .verifyComplete();
    messages()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
    assertThat(await(storage().channels().findMember(channel.id(), owner)).readSeq()).isEqualTo(5);
    post(channel, "new");
    messages()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void readStateOfANonMemberIsNotFound() {
    Channel channel = newChannel();
    User stranger = newUser();
    messages()
        .markRead(channel.id(), stranger.id(), 1)
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    messages()
        .unreadCount(channel.id(), stranger.id())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    messages()
        .unreadCount(ChannelId.generate(), stranger.id())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void nullAndOutOfRangeArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
    UserId u = UserId.generate();
    MessageId m = MessageId.generate();
    assertThatThrownBy(() -> messages().post(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("message");
    assertThatThrownBy(() -> messages().findById(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().edit(null, 1, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().edit(m, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 1, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 1, "x".repeat(NewMessage.MAX_BODY + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 0, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> messages().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().purge(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().page(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> messages().stream(null, 0, Direction.FORWARD))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().stream(c, -1, Direction.FORWARD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> messages().stream(c, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("direction");
    assertThatThrownBy(() -> messages().follow(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().follow(c, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after");
    assertThatThrownBy(() -> messages().latestSeq(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().markRead(null, u, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().markRead(c, null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> messages().markRead(c, u, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> messages().unreadCount(null, u))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().unreadCount(c, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1})
  void aHistoryQueryRejectsALimitOutOfRange(int limit) {
    assertThatThrownBy(() -> HistoryQuery.after(ChannelId.generate(), 0, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void nothingHappensBeforeSubscription() {
    Channel channel = newChannel();
    Message message = post(channel, "keep");
    Mono<PostResult> post =
        messages().post(NewMessage.of(channel.id(), channel.createdBy(), "unsent"));
    Mono<Message> edit = messages().edit(message.id(), 1, "unsent edit");
    Mono<Message> delete = messages().delete(message.id());
    Mono<Void> purge = messages().purge(message.id());
    Mono<Long> read = messages().markRead(channel.id(), channel.createdBy(), 1);
    assertThat(List.of(post, edit, delete, purge, read)).hasSize(5);
    messages().findById(message.id()).as(StepVerifier::create).expectNext(message).verifyComplete();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
    messages()
        .unreadCount(channel.id(), channel.createdBy())
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void resubscribingAPostWithoutKeyPostsAgain() {
    Channel channel = newChannel();
    Mono<PostResult> post =
        messages().post(NewMessage.of(channel.id(), channel.createdBy(), "twice"));
    Mono<Long> latest = messages().latestSeq(channel.id());
    latest.as(StepVerifier::create).expectNext(0L).verifyComplete();
    post.as(StepVerifier::create)
        .assertNext(r -> assertThat(r.message().seq()).isEqualTo(1))
        .verifyComplete();
    post.as(StepVerifier::create)
        .assertNext(r -> assertThat(r.message().seq()).isEqualTo(2))
        .verifyComplete();
    latest.as(StepVerifier::create).expectNext(2L).verifyComplete();
  }
}
