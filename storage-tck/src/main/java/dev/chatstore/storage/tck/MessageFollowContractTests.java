package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract of {@link MessageStore#follow}: replay then live messages exactly once and in order,
 * tombstones skipped, demand honoured, and the errors of a missing channel.
 */
public abstract class MessageFollowContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageFollowContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  @Test
  void followReplaysThenDeliversNewMessagesExactlyOnceInOrder() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 3);
    messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .expectNextSequence(posted)
        .then(() -> post(channel, "live 4"))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(4))
        .then(() -> postMany(channel, 2))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(5))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(6))
        .thenCancel()
        .verify();
  }

  @Test
  void followStartsAfterTheGivenPositionAndSkipsTombstones() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 5);
    await(messages().delete(posted.get(3).id()));
    messages()
        .follow(channel.id(), 2)
        .as(StepVerifier::create)
        .expectNext(posted.get(2), posted.get(4))
        .then(
            () -> {
              // posted and deleted in one transaction, so no reader can see it undeleted
              awaitOrNull(
                  storage()
                      .inTransaction(
                          tx ->
                              tx.messages()
                                  .post(NewMessage.of(channel.id(), channel.createdBy(), "live"))
                                  .flatMap(r -> tx.messages().delete(r.message().id())))
                      .then());
              post(channel, "after the tombstone");
            })
        .assertNext(
            m ->
                assertThat(m.body())
                    .as("the live tombstone is skipped")
                    .isEqualTo("after the tombstone"))
        .thenCancel()
        .verify();
  }

  @Test
  void followOfAnEmptyChannelWaitsForTheFirstMessage() {
    Channel channel = newChannel();
    messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .then(() -> post(channel, "first"))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(1))
        .thenCancel()
        .verify();
  }

  @Test
  void followOfAMissingChannelIsNotFound() {
    ChannelId missing = ChannelId.generate();
    messages()
        .follow(missing, 0)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
  }

  @Test
  void followHonoursDemand() {
    Channel channel = newChannel();
    postMany(channel, 6);
    messages()
        .follow(channel.id(), 0)
        .as(flux -> StepVerifier.create(flux, 2))
        .expectNextCount(2)
        .thenRequest(3)
        .assertNext(m -> assertThat(m.seq()).isEqualTo(3))
        .expectNextCount(2)
        .thenRequest(1)
        .assertNext(m -> assertThat(m.seq()).isEqualTo(6))
        .thenCancel()
        .verify();
  }

  @Test
  void nothingIsReadBeforeSubscription() {
    Channel channel = newChannel();
    postMany(channel, 3);
    long before = observer.count(CountingObserver.STREAM);
    Flux<Message> stream = messages().stream(channel.id(), 0, Direction.FORWARD);
    Flux<Message> page = messages().page(HistoryQuery.after(channel.id(), 0, 10));
    Mono<Long> latest = messages().latestSeq(channel.id());
    assertThat(List.of(stream, page, latest)).hasSize(3);
    assertThat(observer.count(CountingObserver.STREAM)).isEqualTo(before);
    messages().follow(ChannelId.generate(), 0);
  }
}
