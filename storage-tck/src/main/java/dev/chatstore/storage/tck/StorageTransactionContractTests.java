package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The contract of {@link Storage#inTransaction}: all or nothing across stores. */
public abstract class StorageTransactionContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected StorageTransactionContractTests() {}

  private record Created(User user, Channel channel, Message message) {}

  private static Mono<Created> userChannelMessage(Storage tx, NewUser newUser, String channelName) {
    return tx.users()
        .create(newUser)
        .flatMap(
            user ->
                tx.channels()
                    .create(NewChannel.of(channelName, user.id()))
                    .flatMap(
                        channel ->
                            tx.messages()
                                .post(NewMessage.of(channel.id(), user.id(), "first"))
                                .map(r -> new Created(user, channel, r.message()))));
  }

  @Test
  void successCommitsEverythingAcrossStores() {
    NewUser newUser = TestData.newUser();
    String name = TestData.unique("tx");
    Created created =
        await(storage().inTransaction(tx -> userChannelMessage(tx, newUser, name)).single());
    storage()
        .users()
        .findById(created.user().id())
        .as(StepVerifier::create)
        .expectNext(created.user())
        .verifyComplete();
    storage()
        .channels()
        .findByName(name)
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.lastSeq()).isEqualTo(1))
        .verifyComplete();
    storage()
        .messages()
        .findById(created.message().id())
        .as(StepVerifier::create)
        .expectNext(created.message())
        .verifyComplete();
    storage()
        .channels()
        .findMember(created.channel().id(), created.user().id())
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void workThatFailsMidwayLeavesNothingBehind() {
    NewUser newUser = TestData.newUser();
    String name = TestData.unique("tx");
    IllegalStateException boom = new IllegalStateException("boom");
    storage()
        .inTransaction(tx -> userChannelMessage(tx, newUser, name).then(Mono.<Created>error(boom)))
        .as(StepVerifier::create)
        .expectErrorMatches(e -> e == boom)
        .verify();
    storage().users().findByUsername(newUser.username()).as(StepVerifier::create).verifyComplete();
    storage().channels().findByName(name).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void aStorageErrorMidwayRollsBackEarlierWritesAndIsSignalledAsIs() {
    User existing = newUser();
    NewUser newUser = TestData.newUser();
    storage()
        .inTransaction(
            tx ->
                tx.users()
                    .create(newUser)
                    .then(tx.users().create(TestData.newUser(existing.username()))))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.DUPLICATE_KEY))
        .verify();
    storage().users().findByUsername(newUser.username()).as(StepVerifier::create).verifyComplete();
    storage()
        .users()
        .create(newUser)
        .as(StepVerifier::create)
        .as("the storage works on after the rollback")
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void aCancelledTransactionRollsBack() throws InterruptedException {
    NewUser newUser = TestData.newUser();
    CountDownLatch wrote = new CountDownLatch(1);
    storage()
        .inTransaction(
            tx ->
                tx.users()
                    .create(newUser)
                    .doOnNext(u -> wrote.countDown())
                    .then(Mono.<User>never()))
        .as(StepVerifier::create)
        .then(
            () -> {
              try {
                assertThat(wrote.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the write inside the transaction ran")
                    .isTrue();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
              }
            })
        .thenCancel()
        .verify();
    // creating the same user again succeeds only once the cancelled transaction rolled back and
    // released what it held (on a single writer, or on the row lock of the username)
    storage().users().create(newUser).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    assertThat(await(storage().users().findByUsername(newUser.username())).version()).isEqualTo(1);
  }

  @Test
  void theWorkMayEmitManyValuesAllDeliveredAfterTheCommit() {
    Channel channel = newChannel();
    List<Message> posted =
        awaitAll(
            storage()
                .inTransaction(
                    tx ->
                        Flux.range(1, 5)
                            .concatMap(
                                i ->
                                    tx.messages()
                                        .post(
                                            NewMessage.of(
                                                channel.id(), channel.createdBy(), "t" + i)))
                            .map(r -> r.message())));
    assertThat(posted).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    storage()
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(5L)
        .verifyComplete();
  }

  @Test
  void readsInsideTheTransactionSeeItsOwnWrites() {
    NewUser newUser = TestData.newUser();
    storage()
        .inTransaction(
            tx ->
                tx.users()
                    .create(newUser)
                    .flatMap(u -> tx.users().findByUsername(newUser.username()))
                    .flatMap(
                        u ->
                            tx.channels()
                                .create(NewChannel.of(TestData.unique("own"), u.id()))
                                .flatMap(
                                    c ->
                                        tx.messages()
                                            .post(NewMessage.of(c.id(), u.id(), "mine"))
                                            .then(tx.messages().latestSeq(c.id())))))
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void withParallelWritesAnOpenTransactionDoesNotHoldUpAnother() throws InterruptedException {
    Assumptions.assumeTrue(
        storage().capabilities().contains(Capability.PARALLEL_WRITES),
        "the backend does not declare PARALLEL_WRITES: its transactions run one at a time on a"
            + " single writer");
    NewUser first = TestData.newUser();
    NewUser second = TestData.newUser();
    Sinks.One<User> gate = Sinks.one();
    CountDownLatch wrote = new CountDownLatch(1);
    CompletableFuture<List<User>> held =
        storage()
            .inTransaction(
                tx -> tx.users().create(first).doOnNext(u -> wrote.countDown()).then(gate.asMono()))
            .collectList()
            .toFuture();
    assertThat(wrote.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    storage()
        .inTransaction(tx -> tx.users().create(second))
        .as(StepVerifier::create)
        .as("commits while the first transaction is still open")
        .expectNextCount(1)
        .verifyComplete();
    storage()
        .users()
        .findByUsername(first.username())
        .as(StepVerifier::create)
        .as("not yet committed")
        .verifyComplete();
    gate.tryEmitEmpty();
    await(Mono.fromFuture(held));
    storage()
        .users()
        .findByUsername(first.username())
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void anEmptyWorkCommitsAndCompletesEmpty() {
    storage().inTransaction(tx -> Mono.empty()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void aNestedTransactionJoinsTheOuterOne() {
    NewUser inner = TestData.newUser();
    NewUser outer = TestData.newUser();
    IllegalStateException boom = new IllegalStateException("outer fails after inner completed");
    storage()
        .inTransaction(
            tx ->
                tx.inTransaction(nested -> nested.users().create(inner))
                    .then(tx.users().create(outer))
                    .then(Mono.<User>error(boom)))
        .as(StepVerifier::create)
        .expectErrorMatches(e -> e == boom)
        .verify();
    storage().users().findByUsername(inner.username()).as(StepVerifier::create).verifyComplete();
    storage().users().findByUsername(outer.username()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void followIsNotAvailableInsideATransaction() {
    Channel channel = newChannel();
    storage()
        .inTransaction(tx -> tx.messages().follow(channel.id(), 0))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "follow is not available inside a transaction"))
        .verify();
  }

  @Test
  void followersAreWokenByATransactionsCommit() {
    Channel channel = newChannel();
    storage()
        .messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .then(
            () ->
                awaitAll(
                    storage()
                        .inTransaction(
                            tx ->
                                Flux.range(1, 3)
                                    .concatMap(
                                        i ->
                                            tx.messages()
                                                .post(
                                                    NewMessage.of(
                                                        channel.id(),
                                                        channel.createdBy(),
                                                        "t" + i))))))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(1))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(2))
        .assertNext(m -> assertThat(m.seq()).isEqualTo(3))
        .thenCancel()
        .verify();
  }

  @Test
  void nothingHappensBeforeSubscriptionAndResubscribingRunsTheWorkAgain() {
    Channel channel = newChannel();
    AtomicInteger calls = new AtomicInteger();
    Flux<Message> tx =
        storage()
            .inTransaction(
                s -> {
                  calls.incrementAndGet();
                  return s.messages()
                      .post(NewMessage.of(channel.id(), channel.createdBy(), "again"));
                })
            .map(r -> r.message());
    assertThat(calls).as("the work is built on subscription").hasValue(0);
    storage()
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
    tx.as(StepVerifier::create).assertNext(m -> assertThat(m.seq()).isEqualTo(1)).verifyComplete();
    tx.as(StepVerifier::create).assertNext(m -> assertThat(m.seq()).isEqualTo(2)).verifyComplete();
    assertThat(calls).hasValue(2);
  }

  @Test
  void aNullWorkIsRejectedAtCallTime() {
    assertThatThrownBy(() -> storage().inTransaction(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("work");
  }
}
