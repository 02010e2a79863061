package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.tck.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.test.StepVerifier;

/** The single writer: group commit, per-write savepoints, the bounded queue, draining on close. */
class SqliteWriterTests extends SqliteTestSupport {

  private static final String CLOSED = "the storage is closed";

  @Test
  void concurrentPostsAreGroupCommittedInFewerTransactions() throws Exception {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    Hold hold = hold(storage);
    long before = storage.commits();
    List<CompletableFuture<PostResult>> posts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      posts.add(
          storage
              .messages()
              .post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i))
              .toFuture());
    }
    assertThat(storage.queueDepth()).as("every post waits behind the transaction").isEqualTo(50);
    hold.releaseAndAwait();
    for (CompletableFuture<PostResult> post : posts) {
      post.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    assertThat(storage.commits() - before)
        .as("the held transaction's commit plus one group commit for all 50 posts")
        .isEqualTo(2);
    assertThat(
            storage.messages().page(HistoryQuery.after(channel.id(), 0, 100)).collectList().block())
        .extracting(Message::seq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
  }

  @Test
  void oneBadWriteInABatchFailsAloneWhileTheOthersCommit() throws Exception {
    SqliteStorage storage = open(Map.of());
    User taken = newUser(storage);
    Hold hold = hold(storage);
    long before = storage.commits();
    CompletableFuture<User> first =
        storage.users().create(NewUser.of("first", TestData.passwordHash())).toFuture();
    CompletableFuture<User> duplicate =
        storage.users().create(NewUser.of(taken.username(), TestData.passwordHash())).toFuture();
    CompletableFuture<User> last =
        storage.users().create(NewUser.of("last", TestData.passwordHash())).toFuture();
    hold.releaseAndAwait();
    assertThat(first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).username()).isEqualTo("first");
    assertThat(last.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).username()).isEqualTo("last");
    assertThat(duplicate)
        .failsWithin(TIMEOUT)
        .withThrowableOfType(ExecutionException.class)
        .havingCause()
        .isInstanceOf(ConflictException.class)
        .withMessage("username is already taken");
    assertThat(storage.commits() - before).as("one batch").isEqualTo(2);
    assertThat(storage.users().findByUsername("first").block()).isNotNull();
    assertThat(storage.users().findByUsername("last").block()).isNotNull();
  }

  @Test
  void aReplayOfAKeyWithinTheSameBatchReturnsTheOriginal() throws Exception {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    NewMessage message =
        NewMessage.of(channel.id(), channel.createdBy(), "once").withClientTxnId("key-1");
    Hold hold = hold(storage);
    CompletableFuture<PostResult> a = storage.messages().post(message).toFuture();
    CompletableFuture<PostResult> b = storage.messages().post(message).toFuture();
    hold.releaseAndAwait();
    PostResult first = a.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    PostResult second = b.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(first.replayed()).isFalse();
    assertThat(second.replayed()).isTrue();
    assertThat(second.message()).isEqualTo(first.message());
  }

  @Test
  void aFullQueueFailsFastWithATransientError() throws Exception {
    SqliteStorage storage = open(Map.of("queueCapacity", "2"));
    Hold hold = hold(storage);
    CompletableFuture<User> a =
        storage.users().create(NewUser.of("queued-a", TestData.passwordHash())).toFuture();
    CompletableFuture<User> b =
        storage.users().create(NewUser.of("queued-b", TestData.passwordHash())).toFuture();
    storage
        .users()
        .create(NewUser.of("refused", TestData.passwordHash()))
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(TransientStorageException.class)
                    .hasMessageContaining("queue is full"))
        .verify();
    hold.releaseAndAwait();
    assertThat(a.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    assertThat(b.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    assertThat(storage.users().findByUsername("refused").block()).isNull();
  }

  @Test
  void closeLetsQueuedWritesCommitAndRefusesNewOnes() throws Exception {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    List<CompletableFuture<PostResult>> posts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      posts.add(
          storage
              .messages()
              .post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i))
              .toFuture());
    }
    storage.close();
    for (CompletableFuture<PostResult> post : posts) {
      assertThat(post).succeedsWithin(TIMEOUT);
    }
    storage
        .messages()
        .post(NewMessage.of(channel.id(), channel.createdBy(), "late"))
        .as(StepVerifier::create)
        .as("not transient: a closed storage stays closed")
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(InternalStorageException.class).hasMessage(CLOSED))
        .verify();
    storage
        .users()
        .findById(channel.createdBy())
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(InternalStorageException.class).hasMessage(CLOSED))
        .verify();
    storage.close(); // idempotent

    SqliteStorage reopened = open(Map.of());
    assertThat(await(reopened.messages().latestSeq(channel.id()))).isEqualTo(200L);
  }

  @Test
  void closingFromAnOperatorOnTheWriterThreadDoesNotDeadlock() {
    SqliteStorage storage = open(Map.of());
    storage
        .users()
        .create(NewUser.of("closer", TestData.passwordHash()))
        .doOnNext(user -> storage.close())
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    storage
        .users()
        .create(NewUser.of("too-late", TestData.passwordHash()))
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(InternalStorageException.class).hasMessage(CLOSED))
        .verify();
    SqliteStorage reopened = open(Map.of());
    assertThat(reopened.users().findByUsername("closer").block(TIMEOUT)).isNotNull();
  }

  @Test
  void aSubscriberThatThrowsOnTheWriterThreadHurtsNoOtherCaller() throws Exception {
    SqliteStorage storage = open(Map.of());
    Hold hold = hold(storage);
    storage
        .users()
        .create(NewUser.of("thrower", TestData.passwordHash()))
        .subscribe(
            new Subscriber<User>() {
              @Override
              public void onSubscribe(Subscription s) {
                s.request(1);
              }

              @Override
              public void onNext(User user) {
                throw new IllegalStateException("a bug in a subscriber");
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onComplete() {}
            });
    CompletableFuture<User> bystander =
        storage.users().create(NewUser.of("bystander", TestData.passwordHash())).toFuture();
    hold.releaseAndAwait();
    assertThat(bystander).succeedsWithin(TIMEOUT);
    assertThat(await(storage.users().create(NewUser.of("later", TestData.passwordHash()))))
        .isNotNull();
  }
}
