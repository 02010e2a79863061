package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Tombstones on request: {@link MessageStore#stream(ChannelId, long, Direction, boolean)} and
 * {@link MessageStore#follow(ChannelId, long, boolean)} leave deleted messages out by default and
 * return their tombstones in their places when asked; purged messages never come.
 */
public abstract class MessageTombstoneContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageTombstoneContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  /**
   * Five messages, the second and fourth deleted: the list holds the tombstones in their places.
   */
  private List<Message> withTombstones(Channel channel) {
    List<Message> all = new ArrayList<>(postMany(channel, 5));
    all.set(1, await(messages().delete(all.get(1).id())));
    all.set(3, await(messages().delete(all.get(3).id())));
    return all;
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  @Test
  void streamLeavesTombstonesOutUnlessAskedForThem() {
    Channel channel = newChannel();
    List<Message> all = withTombstones(channel);
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD))))
        .containsExactly(1L, 3L, 5L);
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD, false))))
        .containsExactly(1L, 3L, 5L);
    assertThat(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD, true)))
        .as("tombstones in their places")
        .containsExactlyElementsOf(all);
    assertThat(
            seqs(
                awaitAll(
                    messages().stream(
                        channel.id(), HistoryQuery.LATEST, Direction.BACKWARD, true))))
        .containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(awaitAll(messages().stream(channel.id(), 1, Direction.FORWARD, true)).get(0))
        .satisfies(
            m -> {
              assertThat(m.deleted()).isTrue();
              assertThat(m.body()).isEmpty();
              assertThat(m.seq()).isEqualTo(2);
            });
  }

  @Test
  void streamWithTombstonesReadsByDemandAcrossPages() {
    Channel channel = newChannel();
    List<Message> all = withTombstones(channel);
    messages().stream(channel.id(), 0, Direction.FORWARD, true)
        .as(flux -> StepVerifier.create(flux, 2))
        .expectNext(all.get(0), all.get(1))
        .thenRequest(3)
        .expectNext(all.get(2), all.get(3), all.get(4))
        .as("the end is found by the next read, which waits for demand")
        .thenRequest(1)
        .verifyComplete();
  }

  @Test
  void purgedMessagesNeverComeEvenWithTombstones() {
    Channel channel = newChannel();
    List<Message> all = withTombstones(channel);
    awaitOrNull(messages().purge(all.get(1).id()));
    awaitOrNull(messages().purge(all.get(2).id()));
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD, true))))
        .containsExactly(1L, 4L, 5L);
    messages()
        .follow(channel.id(), 0, true)
        .as(StepVerifier::create)
        .expectNext(all.get(0), all.get(3), all.get(4))
        .thenCancel()
        .verify();
  }

  @Test
  void followWithTombstonesReplaysThemInTheirPlacesThenLiveOnes() {
    Channel channel = newChannel();
    List<Message> all = withTombstones(channel);
    messages()
        .follow(channel.id(), 0, true)
        .as(StepVerifier::create)
        .expectNextSequence(all)
        .then(
            () ->
                // posted and deleted in one transaction: the follower can only read the tombstone
                awaitOrNull(
                    storage()
                        .inTransaction(
                            tx ->
                                tx.messages()
                                    .post(NewMessage.of(channel.id(), channel.createdBy(), "live"))
                                    .flatMap(r -> tx.messages().delete(r.message().id())))
                        .then()))
        .assertNext(
            m -> {
              assertThat(m.seq()).isEqualTo(6);
              assertThat(m.deleted()).as("the live tombstone comes in its place").isTrue();
            })
        .then(() -> post(channel, "after"))
        .assertNext(m -> assertThat(m.body()).isEqualTo("after"))
        .thenCancel()
        .verify();
  }

  @Test
  void followWithoutTombstonesSkipsThem() {
    Channel channel = newChannel();
    List<Message> all = withTombstones(channel);
    messages()
        .follow(channel.id(), 0, false)
        .as(StepVerifier::create)
        .expectNext(all.get(0), all.get(2), all.get(4))
        .then(() -> post(channel, "live"))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(6))
        .thenCancel()
        .verify();
  }

  @Test
  void theOverloadsCheckTheirArgumentsAtCallTime() {
    ChannelId c = ChannelId.generate();
    assertThatThrownBy(() -> messages().stream(null, 0, Direction.FORWARD, true))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> messages().stream(c, -1, Direction.FORWARD, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> messages().stream(c, 0, null, true))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> messages().follow(null, 0, true))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> messages().follow(c, -1, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
