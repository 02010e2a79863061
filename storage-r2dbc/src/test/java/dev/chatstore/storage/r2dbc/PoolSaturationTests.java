package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestData;
import dev.chatstore.storage.tck.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

/**
 * A saturated pool fails fast with a transient error, on each database: a transaction that never
 * ends holds the only connection while others ask for one.
 */
abstract class PoolSaturationTests {

  private TestDatabase database;
  private Storage storage;

  abstract StorageFixture fixture();

  @BeforeAll
  static void defaultTimeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(60));
  }

  @BeforeEach
  void createDatabase() {
    database = fixture().createDatabase();
  }

  @AfterEach
  void release() {
    if (storage != null) {
      storage.close();
    }
    database.close();
  }

  private Storage open(Map<String, String> properties) {
    storage = database.open(StorageOptions.defaults().withProperties(properties));
    return storage;
  }

  private static User newUser(Storage storage) {
    String name = "u" + UUID.randomUUID().toString().substring(0, 12);
    return storage.users().create(NewUser.of(name, TestData.passwordHash())).toFuture().join();
  }

  @Test
  void aSaturatedPoolFailsWithATransientErrorInsteadOfHanging() throws InterruptedException {
    Storage storage = open(Map.of("poolSize", "1", "maxAcquireTime", "300ms"));
    User user = newUser(storage);
    CountDownLatch holding = new CountDownLatch(1);
    Disposable holder =
        storage
            .inTransaction(
                tx ->
                    tx.users()
                        .create(
                            NewUser.of(
                                "holder-" + UUID.randomUUID().toString().substring(0, 8),
                                TestData.passwordHash()))
                        .doOnSuccess(u -> holding.countDown())
                        .then(Mono.never()))
            .subscribe();
    assertThat(holding.await(60, TimeUnit.SECONDS))
        .as("the transaction holds the connection")
        .isTrue();

    storage
        .users()
        .findById(user.id())
        .as(StepVerifier::create)
        .as("a read waits at most the acquire timeout")
        .expectError(TransientStorageException.class)
        .verify();
    storage
        .users()
        .create(NewUser.of("waiting", TestData.passwordHash()))
        .as(StepVerifier::create)
        .as("a write too")
        .expectError(TransientStorageException.class)
        .verify();

    holder.dispose();
    storage
        .users()
        .findByUsername("waiting")
        .as(StepVerifier::create)
        .as("the cancelled transaction rolled back and released the connection")
        .verifyComplete();
    storage.users().findById(user.id()).as(StepVerifier::create).expectNext(user).verifyComplete();
  }

  @Test
  void aFullPendingQueueFailsAtOnceAndTheQueuedCallerIsServedLater() throws Exception {
    Storage storage =
        open(Map.of("poolSize", "1", "maxPendingAcquire", "1", "maxAcquireTime", "PT50S"));
    User user = newUser(storage);
    CountDownLatch holding = new CountDownLatch(1);
    Disposable holder =
        storage
            .inTransaction(
                tx ->
                    tx.users()
                        .findById(user.id())
                        .doOnSuccess(u -> holding.countDown())
                        .then(Mono.never()))
            .subscribe();
    assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();

    // Two callers race for the one pending slot: whichever reaches the pool second is beyond the
    // bound and fails at once; the other waits and is served once the connection is released.
    // (Which one wins depends on thread hand-offs, so the test does not assume an order.)
    CompletableFuture<Signal<User>> a =
        storage.users().findById(user.id()).materialize().toFuture();
    CompletableFuture<Signal<User>> b =
        storage.users().findById(user.id()).materialize().toFuture();
    CompletableFuture.anyOf(a, b).get(60, TimeUnit.SECONDS);
    CompletableFuture<Signal<User>> failed = a.isDone() ? a : b;
    CompletableFuture<Signal<User>> waiting = failed == a ? b : a;
    assertThat(failed.get().getThrowable())
        .as("beyond the pending bound, acquiring fails at once")
        .isInstanceOf(TransientStorageException.class);
    assertThat(waiting).as("the queued caller still waits for the held connection").isNotDone();

    holder.dispose();
    assertThat(waiting.get(60, TimeUnit.SECONDS).get()).isEqualTo(user);
  }
}
