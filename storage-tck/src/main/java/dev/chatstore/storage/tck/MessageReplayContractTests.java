package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.PostResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The contract of a retried {@link MessageStore#post}: a retry is compared with the request first
 * posted under its key, not with the message as it is now, and answers that message as it is now
 * (edited or deleted since); after a purge the key is free again.
 */
public abstract class MessageReplayContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageReplayContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  private static String key() {
    return "txn-" + TestData.token(8);
  }

  private static Predicate<Throwable> mismatch(String key) {
    return conflict(Reason.IDEMPOTENCY_MISMATCH)
        .and(
            failure(
                ConflictException.class,
                "idempotency key '"
                    + key
                    + "' was already used by this author with another payload"));
  }

  @Test
  void aRetryAfterAnEditReplaysTheEditedMessage() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "hello-1").withClientTxnId(key());
    Message original = await(messages().post(input)).message();
    clock.advance(Duration.ofSeconds(2));
    Message edited = await(messages().edit(original.id(), 1, "hello, edited"));
    clock.advance(Duration.ofSeconds(2));
    messages()
        .post(input)
        .as(StepVerifier::create)
        .assertNext(
            again -> {
              assertThat(again.replayed()).isTrue();
              assertThat(again.message()).as("the message as it is now").isEqualTo(edited);
              assertThat(again.message().body()).isEqualTo("hello, edited");
              assertThat(again.message().version()).isEqualTo(2);
            })
        .verifyComplete();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @Test
  void aRetryAfterADeleteReplaysTheTombstone() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "to be deleted").withClientTxnId(key());
    Message original = await(messages().post(input)).message();
    Message tombstone = await(messages().delete(original.id()));
    messages()
        .post(input)
        .as(StepVerifier::create)
        .assertNext(
            again -> {
              assertThat(again.replayed()).isTrue();
              assertThat(again.message()).isEqualTo(tombstone);
              assertThat(again.message().deleted()).isTrue();
              assertThat(again.message().id()).isEqualTo(original.id());
            })
        .verifyComplete();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @Test
  void anotherRequestUnderAnEditedMessagesKeyIsAConflictEvenWithTheEditedBody() {
    Channel channel = newChannel();
    String key = key();
    Message original =
        await(
                messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "first")
                            .withClientTxnId(key)))
            .message();
    await(messages().edit(original.id(), 1, "second"));
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "second").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("the edited body is not what was posted under the key")
        .expectErrorMatches(mismatch(key))
        .verify();
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "third").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("another body")
        .expectErrorMatches(mismatch(key))
        .verify();
    await(messages().delete(original.id()));
    messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "other").withClientTxnId(key))
        .as(StepVerifier::create)
        .as("another body after the delete")
        .expectErrorMatches(mismatch(key))
        .verify();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @Test
  void aRetriedReplyAfterItsEditReplaysAndAnotherParentIsAConflict() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    Message otherRoot = post(channel, "other root");
    String key = key();
    NewMessage reply =
        NewMessage.of(channel.id(), channel.createdBy(), "reply")
            .withClientTxnId(key)
            .withParent(root.id());
    Message posted = await(messages().post(reply)).message();
    await(messages().edit(posted.id(), 1, "reply, edited"));
    PostResult again = await(messages().post(reply));
    assertThat(again.replayed()).isTrue();
    assertThat(again.message().body()).isEqualTo("reply, edited");
    assertThat(again.message().parentId()).isEqualTo(root.id());
    messages()
        .post(
            NewMessage.of(channel.id(), channel.createdBy(), "reply")
                .withClientTxnId(key)
                .withParent(otherRoot.id()))
        .as(StepVerifier::create)
        .expectErrorMatches(mismatch(key))
        .verify();
    assertThat(await(messages().findById(root.id())).replyCount())
        .as("the replay counted nothing")
        .isEqualTo(1);
  }

  @Test
  void aRetryAfterAPurgePostsANewMessageBecauseThePurgeFreedTheKey() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "purged").withClientTxnId(key());
    Message original = await(messages().post(input)).message();
    awaitOrNull(messages().purge(original.id()));
    PostResult again = await(messages().post(input));
    assertThat(again.replayed()).as("nothing is left to replay").isFalse();
    assertThat(again.message().id()).isNotEqualTo(original.id());
    assertThat(again.message().seq()).as("a new position").isEqualTo(2);
    assertThat(again.message().body()).isEqualTo("purged");
    assertThat(await(messages().post(input)).replayed())
        .as("the new message holds the key now")
        .isTrue();
  }

  @Test
  void concurrentRetriesOfAnEditedMessageAllReplayIt() {
    Channel channel = newChannel();
    NewMessage input =
        NewMessage.of(channel.id(), channel.createdBy(), "racing").withClientTxnId(key());
    Message original = await(messages().post(input)).message();
    Message edited = await(messages().edit(original.id(), 1, "racing, edited"));
    List<PostResult> results = awaitAll(Flux.range(0, 8).flatMap(i -> messages().post(input), 8));
    assertThat(results).hasSize(8).allSatisfy(r -> assertThat(r.replayed()).isTrue());
    assertThat(results).extracting(PostResult::message).containsOnly(edited);
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @Test
  void concurrentKeyedRepliesStoreOneReplyCountedOnce() {
    Channel channel = newChannel();
    Message root = post(channel, "root");
    NewMessage reply =
        NewMessage.of(channel.id(), channel.createdBy(), "racing reply")
            .withClientTxnId(key())
            .withParent(root.id());
    List<PostResult> results = awaitAll(Flux.range(0, 8).flatMap(i -> messages().post(reply), 8));
    assertThat(results).hasSize(8);
    assertThat(results)
        .extracting(r -> r.message().id())
        .containsOnly(results.get(0).message().id());
    assertThat(results).filteredOn(r -> !r.replayed()).as("exactly one stored it").hasSize(1);
    assertThat(await(messages().findById(root.id())).replyCount()).isEqualTo(1);
  }
}
