package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The contract of {@link MessageStore}'s history reads: keyset pages in both directions and the
 * demand-driven {@code stream}. {@code follow} is in {@link MessageFollowContractTests}.
 *
 * <p>Relies on the backend reporting {@code MessageStore.stream} to its observer once per page it
 * reads for {@code stream}.
 */
public abstract class MessageHistoryContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageHistoryContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> list = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      list.add(i);
    }
    return list;
  }

  @Test
  void pagesForwardAcrossPageBoundaries() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 10);
    HistoryQuery query = HistoryQuery.after(channel.id(), 0, 3);
    messages()
        .page(query)
        .as(StepVerifier::create)
        .expectNextSequence(posted.subList(0, 3))
        .verifyComplete();
    messages()
        .page(query.next(3))
        .as(StepVerifier::create)
        .expectNextSequence(posted.subList(3, 6))
        .verifyComplete();
    messages()
        .page(query.next(6))
        .as(StepVerifier::create)
        .expectNextSequence(posted.subList(6, 9))
        .verifyComplete();
    messages()
        .page(query.next(9))
        .as(StepVerifier::create)
        .expectNext(posted.get(9))
        .verifyComplete();
    messages().page(query.next(10)).as(StepVerifier::create).as("after the end").verifyComplete();
  }

  @Test
  void pagesBackwardAcrossPageBoundariesFromTheNewest() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 7);
    HistoryQuery query = HistoryQuery.latest(channel.id(), 3);
    messages()
        .page(query)
        .as(StepVerifier::create)
        .expectNext(posted.get(6), posted.get(5), posted.get(4))
        .verifyComplete();
    messages()
        .page(query.next(5))
        .as(StepVerifier::create)
        .expectNext(posted.get(3), posted.get(2), posted.get(1))
        .verifyComplete();
    messages()
        .page(query.next(2))
        .as(StepVerifier::create)
        .expectNext(posted.get(0))
        .verifyComplete();
    messages().page(query.next(1)).as(StepVerifier::create).as("before the start").verifyComplete();
    messages()
        .page(HistoryQuery.before(channel.id(), 0, 10))
        .as(StepVerifier::create)
        .as("nothing is before position 0")
        .verifyComplete();
    messages()
        .page(HistoryQuery.before(channel.id(), 4, 10))
        .as(StepVerifier::create)
        .expectNext(posted.get(2), posted.get(1), posted.get(0))
        .verifyComplete();
  }

  @Test
  void pagesOfAnEmptyOrMissingChannelAreEmpty() {
    Channel channel = newChannel();
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 10))
        .as(StepVerifier::create)
        .verifyComplete();
    messages()
        .page(HistoryQuery.latest(channel.id(), 10))
        .as(StepVerifier::create)
        .verifyComplete();
    messages()
        .page(HistoryQuery.latest(ChannelId.generate(), 10))
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void pagesHonourTheSmallestAndLargestLimits() {
    Channel channel = newChannel();
    List<Message> posted =
        awaitAll(
            Flux.range(1, 501)
                .flatMap(
                    i -> messages().post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i)),
                    8)
                .map(r -> r.message()));
    assertThat(posted).hasSize(501);
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 1))
        .as(StepVerifier::create)
        .assertNext(m -> assertThat(m.seq()).isEqualTo(1))
        .verifyComplete();
    messages()
        .page(HistoryQuery.latest(channel.id(), 1))
        .as(StepVerifier::create)
        .assertNext(m -> assertThat(m.seq()).isEqualTo(501))
        .verifyComplete();
    List<Message> forward = awaitAll(messages().page(HistoryQuery.after(channel.id(), 0, 500)));
    assertThat(seqs(forward)).containsExactlyElementsOf(range(1, 500));
    assertThat(seqs(awaitAll(messages().page(HistoryQuery.after(channel.id(), 500, 500)))))
        .containsExactly(501L);
    long before = observer.count(CountingObserver.STREAM);
    assertThat(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD))).hasSize(501);
    assertThat(observer.count(CountingObserver.STREAM) - before)
        .as("a page reads at most 500 messages, so 501 take at least two")
        .isGreaterThanOrEqualTo(2);
    List<Message> backward = awaitAll(messages().page(HistoryQuery.latest(channel.id(), 500)));
    assertThat(seqs(backward)).hasSize(500).first().isEqualTo(501L);
    assertThat(seqs(backward)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void softDeletedMessagesAreHiddenFromHistoryUnlessAskedFor() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 6);
    Message second = await(messages().delete(posted.get(1).id()));
    Message fourth = await(messages().delete(posted.get(3).id()));
    HistoryQuery forward = HistoryQuery.after(channel.id(), 0, 2);
    messages()
        .page(forward)
        .as(StepVerifier::create)
        .expectNext(posted.get(0), posted.get(2))
        .verifyComplete();
    messages()
        .page(forward.next(3))
        .as(StepVerifier::create)
        .expectNext(posted.get(4), posted.get(5))
        .verifyComplete();
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 10).withDeleted())
        .as(StepVerifier::create)
        .expectNext(posted.get(0), second, posted.get(2), fourth, posted.get(4), posted.get(5))
        .verifyComplete();
    messages()
        .page(HistoryQuery.latest(channel.id(), 3))
        .as(StepVerifier::create)
        .expectNext(posted.get(5), posted.get(4), posted.get(2))
        .verifyComplete();
    messages()
        .page(HistoryQuery.latest(channel.id(), 3).withDeleted())
        .as(StepVerifier::create)
        .expectNext(posted.get(5), posted.get(4), fourth)
        .verifyComplete();
    assertThat(second.body()).isEmpty();
  }

  @Test
  void purgedMessagesAreSkippedByPages() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 3);
    awaitOrNull(messages().purge(posted.get(1).id()));
    messages()
        .page(HistoryQuery.after(channel.id(), 0, 2).withDeleted())
        .as(StepVerifier::create)
        .expectNext(posted.get(0), posted.get(2))
        .verifyComplete();
  }

  @Test
  void streamReadsTheWholeHistoryInBothDirectionsSkippingTombstones() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 12);
    await(messages().delete(posted.get(4).id()));
    List<Long> expected = new ArrayList<>(range(1, 12));
    expected.remove(Long.valueOf(5));
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 0, Direction.FORWARD))))
        .containsExactlyElementsOf(expected);
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 7, Direction.FORWARD))))
        .containsExactly(8L, 9L, 10L, 11L, 12L);
    List<Long> backward = new ArrayList<>(expected);
    Collections.reverse(backward);
    assertThat(
            seqs(
                awaitAll(messages().stream(channel.id(), HistoryQuery.LATEST, Direction.BACKWARD))))
        .containsExactlyElementsOf(backward);
    assertThat(seqs(awaitAll(messages().stream(channel.id(), 4, Direction.BACKWARD))))
        .containsExactly(3L, 2L, 1L);
  }

  @Test
  void streamOfAnEmptyOrMissingChannelCompletesEmpty() {
    Channel channel = newChannel();
    messages().stream(channel.id(), 0, Direction.FORWARD).as(StepVerifier::create).verifyComplete();
    messages().stream(ChannelId.generate(), 0, Direction.FORWARD)
        .as(StepVerifier::create)
        .verifyComplete();
    messages().stream(ChannelId.generate(), HistoryQuery.LATEST, Direction.BACKWARD)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void streamHonoursDemandReadingOnePagePerRequest(Direction direction) {
    Channel channel = newChannel();
    postMany(channel, 20);
    long from = direction == Direction.FORWARD ? 0 : HistoryQuery.LATEST;
    long before = observer.count(CountingObserver.STREAM);
    messages().stream(channel.id(), from, direction)
        .as(flux -> StepVerifier.create(flux, 5))
        .expectNextCount(5)
        .then(
            () ->
                assertThat(observer.count(CountingObserver.STREAM) - before)
                    .as("request 5: exactly one page read, no read-ahead (%s)", observer)
                    .isEqualTo(1))
        .thenRequest(5)
        .expectNextCount(5)
        .then(
            () ->
                assertThat(observer.count(CountingObserver.STREAM) - before)
                    .as("another request: one more page (%s)", observer)
                    .isEqualTo(2))
        .thenCancel()
        .verify();
  }

  @Test
  void streamReadsEachPageOnlyWhenItIsRequested() {
    Channel channel = newChannel();
    List<Message> posted = postMany(channel, 10);
    messages().stream(channel.id(), 0, Direction.FORWARD)
        .as(flux -> StepVerifier.create(flux, 5))
        .expectNextSequence(posted.subList(0, 5))
        .then(
            () -> {
              // changed after the first page was read: a stream that read ahead would miss it
              await(messages().edit(posted.get(5).id(), 1, "edited later"));
              await(messages().delete(posted.get(6).id()));
            })
        .thenRequest(Long.MAX_VALUE)
        .assertNext(m -> assertThat(m.body()).isEqualTo("edited later"))
        .expectNextSequence(posted.subList(7, 10))
        .verifyComplete();
  }

  @Test
  void streamDeliversExactlyWhatWasRequestedInOrder() {
    Channel channel = newChannel();
    postMany(channel, 8);
    messages().stream(channel.id(), 0, Direction.FORWARD)
        .as(flux -> StepVerifier.create(flux, 3))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(1))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(2))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(3))
        .thenRequest(Long.MAX_VALUE)
        .expectNextCount(5)
        .verifyComplete();
  }

  @Test
  void streamIsColdAndRepeatable() {
    Channel channel = newChannel();
    postMany(channel, 3);
    Flux<Message> stream = messages().stream(channel.id(), 0, Direction.FORWARD);
    stream.as(StepVerifier::create).expectNextCount(3).verifyComplete();
    post(channel, "fourth");
    stream
        .as(StepVerifier::create)
        .as("sees what was committed since")
        .expectNextCount(4)
        .verifyComplete();
  }
}
