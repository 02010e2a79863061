package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract of {@link MessageStore#post}: positions, every field stored, idempotency (replay,
 * mismatch, per-author keys, concurrent posts with one key) and the parent rule.
 */
public abstract class MessagePostContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessagePostContractTests() {}

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
    ChannelId missing = ChannelId.generate();
    messages()
        .post(NewMessage.of(missing, user.id(), "lost"))
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
    messages()
        .post(NewMessage.of(missing, user.id(), "lost").withClientTxnId("txn-" + TestData.token(8)))
        .as(StepVerifier::create)
        .as("with a key too")
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
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
    Predicate<Throwable> mismatch =
        conflict(Reason.IDEMPOTENCY_MISMATCH)
            .and(
                failure(
                    ConflictException.class,
                    "idempotency key '"
                        + key
                        + "' was already used by this author with another payload"))
            .and(e -> ((ConflictException) e).field().equals(Optional.of("clientTxnId")));
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
        .expectErrorMatches(mismatch)
        .verify();
    messages()
        .post(NewMessage.of(other.id(), channel.createdBy(), "original").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("another channel")
        .expectErrorMatches(mismatch)
        .verify();
    messages()
        .post(
            NewMessage.of(channel.id(), channel.createdBy(), "original")
                .withClientTxnId(key)
                .withParent(original.id()))
        .as(StepVerifier::create)
        .as("another parent")
        .expectErrorMatches(mismatch)
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
        .as("in another channel")
        .expectErrorMatches(
            failure(
                InvalidArgumentException.class,
                "parent message " + elsewhere.id() + " does not exist in channel " + channel.id()))
        .verify();
    MessageId missing = MessageId.generate();
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "reply").withParent(missing))
        .as(StepVerifier::create)
        .as("missing: the same words")
        .expectErrorMatches(
            failure(
                InvalidArgumentException.class,
                "parent message " + missing + " does not exist in channel " + channel.id()))
        .verify();
    messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .as("nothing stored")
        .expectNext(0L)
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
