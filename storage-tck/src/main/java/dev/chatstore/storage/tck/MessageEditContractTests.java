package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The contract of {@link MessageStore}'s changes to stored messages: find, edit (version and state
 * checks), soft delete (tombstones) and purge.
 */
public abstract class MessageEditContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageEditContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  private static Predicate<Throwable> notFound(MessageId id) {
    return failure(NotFoundException.class, "message " + id + " not found");
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
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(
                    failure(
                        ConflictException.class,
                        "message " + message.id() + " is at version 2, not 1")))
        .verify();
    assertThat(await(messages().findById(message.id())).body()).isEqualTo("v2");
  }

  @Test
  void editOfAMissingMessageIsNotFoundAndOfADeletedOneAStateConflict() {
    Channel channel = newChannel();
    MessageId missing = MessageId.generate();
    messages()
        .edit(missing, 1, "x")
        .as(StepVerifier::create)
        .expectErrorMatches(notFound(missing))
        .verify();
    Message message = post(channel, "doomed");
    Message tombstone = await(messages().delete(message.id()));
    messages()
        .edit(message.id(), tombstone.version(), "revived")
        .as(StepVerifier::create)
        .expectErrorMatches(
            conflict(Reason.STATE)
                .and(failure(ConflictException.class, "message " + message.id() + " is deleted")))
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
    MessageId missing = MessageId.generate();
    messages()
        .delete(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(notFound(missing))
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
        .expectErrorMatches(notFound(second.id()))
        .verify();
    messages()
        .edit(second.id(), 1, "x")
        .as(StepVerifier::create)
        .expectErrorMatches(notFound(second.id()))
        .verify();
    messages()
        .delete(second.id())
        .as(StepVerifier::create)
        .expectErrorMatches(notFound(second.id()))
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
}
