package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.TransientStorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
          .create(NewUser.of("blocked", "h"))
          .as(StepVerifier::create)
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(TransientStorageException.class)
                      .hasMessageContaining("busy"))
          .verify();
      s.execute("ROLLBACK");
    }
    assertThat(await(storage.users().create(NewUser.of("unblocked", "h"))).username())
        .isEqualTo("unblocked");
  }
}
