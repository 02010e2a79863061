package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.tck.TestData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** {@code inTransaction} on the single writer. */
class SqliteTransactionTests extends SqliteTestSupport {

  @Test
  void theBoundStorageReadsItsOwnWritesWhileOthersSeeThemOnlyAfterCommit() {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    List<Long> outerSeen = new CopyOnWriteArrayList<>();
    storage
        .inTransaction(
            tx ->
                tx.messages()
                    .post(NewMessage.of(channel.id(), channel.createdBy(), "inside"))
                    .then(tx.messages().latestSeq(channel.id()))
                    .flatMap(
                        inner ->
                            storage
                                .messages()
                                .latestSeq(channel.id())
                                .doOnNext(outerSeen::add)
                                .thenReturn(inner)))
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
    assertThat(outerSeen).as("the read pool saw the committed state only").containsExactly(0L);
    assertThat(await(storage.messages().latestSeq(channel.id()))).isEqualTo(1L);
  }

  @Test
  void followersAreWokenAfterTheTransactionCommits() {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    List<Message> seen = new CopyOnWriteArrayList<>();
    Disposable follower = storage.messages().follow(channel.id(), 0).subscribe(seen::add);
    try {
      storage
          .inTransaction(
              tx ->
                  Flux.concat(
                      tx.messages().post(NewMessage.of(channel.id(), channel.createdBy(), "a")),
                      tx.messages().post(NewMessage.of(channel.id(), channel.createdBy(), "b"))))
          .as(StepVerifier::create)
          .expectNextCount(2)
          .verifyComplete();
      storage
          .messages()
          .follow(channel.id(), 0)
          .take(2)
          .as(StepVerifier::create)
          .expectNextCount(2)
          .verifyComplete();
      Mono.fromSupplier(seen::size)
          .filter(n -> n == 2)
          .repeatWhenEmpty(100, f -> f.delayElements(java.time.Duration.ofMillis(20)))
          .as(StepVerifier::create)
          .expectNext(2)
          .verifyComplete();
      assertThat(seen).extracting(Message::body).containsExactly("a", "b");
    } finally {
      follower.dispose();
    }
  }

  @Test
  void anErrorMidwayLeavesNothingBehind() {
    SqliteStorage storage = open(Map.of());
    storage
        .inTransaction(
            tx ->
                tx.users()
                    .create(NewUser.of("ghost", TestData.passwordHash()))
                    .then(Mono.error(new IllegalStateException("boom"))))
        .as(StepVerifier::create)
        .expectErrorMessage("boom")
        .verify();
    assertThat(storage.users().findByUsername("ghost").block(TIMEOUT)).isNull();
  }

  @Test
  void aCancelledTransactionRollsBack() throws InterruptedException {
    SqliteStorage storage = open(Map.of());
    CountDownLatch wrote = new CountDownLatch(1);
    Disposable work =
        storage
            .inTransaction(
                tx ->
                    tx.users()
                        .create(NewUser.of("cancelled", TestData.passwordHash()))
                        .doOnNext(u -> wrote.countDown())
                        .then(Mono.never()))
            .subscribe();
    assertThat(wrote.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    work.dispose();
    assertThat(await(storage.users().create(NewUser.of("after", TestData.passwordHash()))))
        .isNotNull();
    assertThat(storage.users().findByUsername("cancelled").block(TIMEOUT)).isNull();
  }

  @Test
  void valuesArriveOnlyAfterTheCommitSoTakingTheFirstOneKeepsEverything() {
    SqliteStorage storage = open(Map.of());
    User first =
        Mono.from(
                storage.inTransaction(
                    tx ->
                        Flux.concat(
                            tx.users().create(NewUser.of("kept-1", TestData.passwordHash())),
                            tx.users().create(NewUser.of("kept-2", TestData.passwordHash())))))
            .block(TIMEOUT);
    assertThat(first.username()).isEqualTo("kept-1");
    assertThat(storage.users().findByUsername("kept-2").block(TIMEOUT))
        .as("cancelling after the first value did not roll back")
        .isNotNull();
  }

  @Test
  void aFailedOperationIsRolledBackAloneAndTheTransactionGoesOn() {
    SqliteStorage storage = open(Map.of());
    User taken = newUser(storage);
    storage
        .inTransaction(
            tx ->
                tx.users()
                    .create(NewUser.of(taken.username(), TestData.passwordHash()))
                    .onErrorResume(ConflictException.class, e -> Mono.empty())
                    .then(tx.users().create(NewUser.of("survivor", TestData.passwordHash()))))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    assertThat(storage.users().findByUsername("survivor").block(TIMEOUT)).isNotNull();
  }

  @Test
  void nestedTransactionsJoinAndFollowInsideIsAnInvalidArgument() {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    storage
        .inTransaction(
            tx ->
                tx.inTransaction(
                        inner ->
                            inner.users().create(NewUser.of("nested", TestData.passwordHash())))
                    .then(Mono.error(new IllegalStateException("outer fails"))))
        .as(StepVerifier::create)
        .expectError(IllegalStateException.class)
        .verify();
    assertThat(storage.users().findByUsername("nested").block(TIMEOUT))
        .as("the nested work rolled back with the outer")
        .isNull();
    storage
        .inTransaction(tx -> tx.messages().follow(channel.id(), 0))
        .as(StepVerifier::create)
        .expectError(InvalidArgumentException.class)
        .verify();
  }

  @Test
  void aTransactionThatOutstaysItsTimeoutIsRolledBackAndReleasesTheWriter() {
    SqliteStorage storage = open(Map.of("transactionTimeout", "100"));
    storage
        .inTransaction(
            tx ->
                tx.users()
                    .create(NewUser.of("stuck", TestData.passwordHash()))
                    .then(Mono.never())
                    .then())
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(TransientStorageException.class)
                    .hasMessageContaining("transactionTimeout"))
        .verify();
    assertThat(await(storage.users().create(NewUser.of("next", TestData.passwordHash()))))
        .isNotNull();
    assertThat(storage.users().findByUsername("stuck").block(TIMEOUT)).isNull();
  }
}
