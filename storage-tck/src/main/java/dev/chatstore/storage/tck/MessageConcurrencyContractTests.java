package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Positions under concurrent writers, a follower racing them, and release of resources after
 * cancellation with a pool of one connection.
 */
public abstract class MessageConcurrencyContractTests extends StorageContractSupport {

  private static final int WRITERS = 8;
  private static final int PER_WRITER = 500;
  private static final int TOTAL = WRITERS * PER_WRITER;

  /** For subclasses. */
  protected MessageConcurrencyContractTests() {}

  @Test
  void concurrentWritersGetGapFreeUniquePositionsAndAFollowerSeesEachOnceInOrder()
      throws InterruptedException {
    Channel channel = newChannel();
    List<User> authors = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      authors.add(newUser());
    }
    // the follower subscribes before any writer starts, and signals once it has read (nothing)
    CountDownLatch following = new CountDownLatch(1);
    CompletableFuture<List<Message>> followed =
        storage()
            .messages()
            .follow(channel.id(), 0)
            .doOnSubscribe(s -> following.countDown())
            .take(TOTAL)
            .collectList()
            .toFuture();
    assertThat(following.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    List<List<Message>> perWriter =
        awaitAll(
            Flux.range(0, WRITERS)
                .flatMap(
                    w ->
                        Flux.range(1, PER_WRITER)
                            .concatMap(
                                i ->
                                    storage()
                                        .messages()
                                        .post(
                                            NewMessage.of(
                                                channel.id(),
                                                authors.get(w).id(),
                                                "w" + w + "-" + i)))
                            .map(r -> r.message())
                            .collectList(),
                    WRITERS));

    List<Long> positions = new ArrayList<>();
    for (List<Message> own : perWriter) {
      assertThat(own).hasSize(PER_WRITER);
      assertThat(own).extracting(Message::seq).as("a writer's own posts are ordered").isSorted();
      own.forEach(m -> positions.add(m.seq()));
    }
    positions.sort(null);
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= TOTAL; i++) {
      expected.add(i);
    }
    assertThat(positions).as("positions 1..%d, no gap, no duplicate", TOTAL).isEqualTo(expected);

    List<Message> seen = await(Mono.fromFuture(followed));
    assertThat(seen)
        .extracting(Message::seq)
        .as("the follower saw each exactly once, in order")
        .isEqualTo(expected);
    Set<String> bodies = new HashSet<>();
    seen.forEach(m -> bodies.add(m.body()));
    assertThat(bodies).hasSize(TOTAL);

    storage()
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext((long) TOTAL)
        .verifyComplete();
    assertThat(awaitAll(storage().messages().stream(channel.id(), 0, Direction.FORWARD)))
        .extracting(Message::seq)
        .isEqualTo(expected);
  }

  @Test
  void ofRacingEditsWithTheSameVersionExactlyOneWins() {
    Channel channel = newChannel();
    Message message = post(channel, "original");
    List<Object> outcomes =
        awaitAll(
            Flux.range(0, 8)
                .flatMap(
                    i ->
                        storage()
                            .messages()
                            .edit(message.id(), 1, "edit " + i)
                            .<Object>map(m -> m)
                            .onErrorResume(ConflictException.class, e -> Mono.just(e)),
                    8));
    List<Message> wins =
        outcomes.stream().filter(Message.class::isInstance).map(Message.class::cast).toList();
    assertThat(wins).as("exactly one edit wins").hasSize(1);
    assertThat(outcomes)
        .filteredOn(ConflictException.class::isInstance)
        .hasSize(7)
        .allMatch(
            e -> ((ConflictException) e).reason() == ConflictException.Reason.VERSION_MISMATCH);
    storage()
        .messages()
        .findById(message.id())
        .as(StepVerifier::create)
        .expectNext(wins.get(0))
        .verifyComplete();
  }

  @Test
  void racingMarkReadsKeepTheHighestPosition() {
    Channel channel = newChannel();
    postMany(channel, 30);
    List<Long> stored =
        awaitAll(
            Flux.range(1, 30)
                .flatMap(
                    i ->
                        storage()
                            .readState()
                            .markRead(channel.id(), channel.createdBy(), (i * 7L) % 31),
                    8));
    assertThat(stored).hasSize(30);
    storage()
        .readState()
        .unreadCount(channel.id(), channel.createdBy())
        .as(StepVerifier::create)
        .as("the read position only moved forward, to the highest asked for")
        .expectNext(0L)
        .verifyComplete();
  }

  @Test
  void aCancelledStreamReleasesItsConnectionWithAPoolOfOne() {
    Storage storage = isolatedStorage(Map.of("poolSize", "1"));
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    awaitAll(
        Flux.range(1, 60)
            .concatMap(
                i -> storage.messages().post(NewMessage.of(channel.id(), user.id(), "m" + i))));
    for (int round = 0; round < 3; round++) {
      storage.messages().stream(channel.id(), 0, Direction.FORWARD)
          .as(flux -> StepVerifier.create(flux, 10))
          .expectNextCount(10)
          .thenCancel()
          .verify();
      storage
          .messages()
          .page(HistoryQuery.latest(channel.id(), 5))
          .as(StepVerifier::create)
          .as("the next query is served after the cancel")
          .expectNextCount(5)
          .verifyComplete();
    }
    // cancelled in the middle of its first page read, before anything arrived
    storage.messages().stream(channel.id(), 0, Direction.FORWARD)
        .as(StepVerifier::create)
        .thenCancel()
        .verify();
    storage
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(60L)
        .verifyComplete();
  }

  @Test
  void aStreamHoldsNoConnectionBetweenPagesWithAPoolOfOne() {
    Storage storage = isolatedStorage(Map.of("poolSize", "1"));
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    awaitAll(
        Flux.range(1, 30)
            .concatMap(
                i -> storage.messages().post(NewMessage.of(channel.id(), user.id(), "m" + i))));
    storage.messages().stream(channel.id(), 0, Direction.FORWARD)
        .as(flux -> StepVerifier.create(flux, 5))
        .expectNextCount(5)
        .then(
            () ->
                storage
                    .messages()
                    .page(HistoryQuery.latest(channel.id(), 3))
                    .as(StepVerifier::create)
                    .as("served while the stream waits for demand")
                    .expectNextCount(3)
                    .verifyComplete())
        .thenRequest(Long.MAX_VALUE)
        .expectNextCount(25)
        .verifyComplete();
  }

  @Test
  void severalFollowersOfOneChannelEachSeeEveryMessageOnceInOrder() {
    Channel channel = newChannel();
    int followers = 4;
    int messages = 200;
    List<CompletableFuture<List<Message>>> futures = new ArrayList<>();
    for (int f = 0; f < followers; f++) {
      futures.add(
          storage().messages().follow(channel.id(), 0).take(messages).collectList().toFuture());
    }
    awaitAll(
        Flux.range(1, messages)
            .flatMap(
                i ->
                    storage()
                        .messages()
                        .post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i)),
                4));
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= messages; i++) {
      expected.add(i);
    }
    for (CompletableFuture<List<Message>> future : futures) {
      assertThat(await(Mono.fromFuture(future))).extracting(Message::seq).isEqualTo(expected);
    }
  }

  @Test
  void aCancelledFollowReleasesItsConnectionWithAPoolOfOne() {
    Storage storage = isolatedStorage(Map.of("poolSize", "1"));
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    awaitAll(
        Flux.range(1, 5)
            .concatMap(
                i -> storage.messages().post(NewMessage.of(channel.id(), user.id(), "m" + i))));
    storage
        .messages()
        .follow(channel.id(), 0)
        .as(flux -> StepVerifier.create(flux, 2))
        .expectNextCount(2)
        .thenCancel()
        .verify();
    storage
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(5L)
        .verifyComplete();
    storage
        .messages()
        .follow(channel.id(), 5)
        .as(StepVerifier::create)
        .as("an idle follower holds no connection")
        .then(
            () ->
                storage
                    .messages()
                    .page(HistoryQuery.latest(channel.id(), 1))
                    .as(StepVerifier::create)
                    .expectNextCount(1)
                    .verifyComplete())
        .thenCancel()
        .verify();
  }

  @Test
  void concurrentReadersAndWritersWithAPoolOfOneAllComplete() {
    Storage storage = isolatedStorage(Map.of("poolSize", "1"));
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    List<Object> done =
        awaitAll(
            Flux.range(0, 40)
                .flatMap(
                    i ->
                        i % 2 == 0
                            ? storage
                                .messages()
                                .post(NewMessage.of(channel.id(), user.id(), "m" + i))
                                .cast(Object.class)
                            : storage
                                .messages()
                                .page(HistoryQuery.latest(channel.id(), 10))
                                .collectList()
                                .cast(Object.class),
                    8));
    assertThat(done).hasSize(40);
    storage
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(20L)
        .verifyComplete();
  }
}
