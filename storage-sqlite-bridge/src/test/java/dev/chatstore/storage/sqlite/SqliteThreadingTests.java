package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.tck.TestData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Where work runs, and how lock contention from outside surfaces. */
class SqliteThreadingTests extends SqliteTestSupport {

  @Test
  void readsRunOnTheBridgesReadThreadsAndWritesOnItsWriterThread() {
    Map<String, String> threads = new ConcurrentHashMap<>();
    SqliteStorage storage =
        open(Map.of("poolSize", "2"), op -> threads.put(op, Thread.currentThread().getName()));
    Channel channel = newChannel(storage);
    await(storage.messages().post(NewMessage.of(channel.id(), channel.createdBy(), "hi")));
    await(storage.messages().stream(channel.id(), 0, Direction.FORWARD).collectList());
    await(storage.users().findById(channel.createdBy()));
    assertThat(threads.get("MessageStore.stream")).startsWith("chatstore-sqlite-read-");
    assertThat(threads.get("UserStore.findById")).startsWith("chatstore-sqlite-read-");
    assertThat(threads.get("MessageStore.post")).isEqualTo("chatstore-sqlite-writer");
    assertThat(threads.get("ChannelStore.create")).isEqualTo("chatstore-sqlite-writer");
  }

  @Test
  void theReadPoolNeverGrowsBeyondItsSize() {
    ConcurrentLinkedQueue<String> names = new ConcurrentLinkedQueue<>();
    SqliteStorage storage =
        open(Map.of("poolSize", "2"), op -> names.add(Thread.currentThread().getName()));
    Channel channel = newChannel(storage);
    names.clear();
    List<Long> seqs =
        Flux.range(0, 64)
            .flatMap(i -> storage.messages().latestSeq(channel.id()), 64)
            .collectList()
            .block(TIMEOUT);
    assertThat(seqs).hasSize(64);
    assertThat(names.stream().distinct().count()).isLessThanOrEqualTo(2);
  }

  @Test
  void aLockHeldBeyondTheBusyTimeoutIsATransientErrorNotAHang() throws Exception {
    SqliteStorage storage = open(Map.of("busyTimeout", "50"));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      storage
          .users()
          .create(NewUser.of("blocked", TestData.passwordHash()))
          .as(StepVerifier::create)
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(TransientStorageException.class)
                      .hasMessageContaining("busy"))
          .verify();
      s.execute("ROLLBACK");
    }
    assertThat(
            await(storage.users().create(NewUser.of("unblocked", TestData.passwordHash())))
                .username())
        .isEqualTo("unblocked");
  }

  @Test
  void aSaturatedReadPoolFailsFastWithATransientError() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SqliteStorage storage =
        open(
            Map.of("poolSize", "1", "queueCapacity", "2"),
            op -> {
              if (op.equals("ChannelStore.findByName")) {
                entered.countDown();
                awaitQuietly(release);
              }
            });
    CompletableFuture<Channel> blocker = storage.channels().findByName("blocker").toFuture();
    assertThat(entered.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    CompletableFuture<User> queuedA = storage.users().findByUsername("queued-a").toFuture();
    CompletableFuture<User> queuedB = storage.users().findByUsername("queued-b").toFuture();
    storage
        .users()
        .findByUsername("refused")
        .as(StepVerifier::create)
        .expectError(TransientStorageException.class)
        .verify();
    release.countDown();
    assertThat(blocker).succeedsWithin(TIMEOUT);
    assertThat(queuedA).as("queued reads are served once the pool frees").succeedsWithin(TIMEOUT);
    assertThat(queuedB).succeedsWithin(TIMEOUT);
    assertThat(storage.users().findByUsername("served").block(TIMEOUT)).isNull();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
