package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SqliteStorageTests {

  @TempDir Path dir;
  Storage storage;

  @BeforeAll
  static void timeouts() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(30));
  }

  @BeforeEach
  void open() {
    storage = Storages.open("sqlite:" + dir.resolve("sub/chat.db"), StorageOptions.defaults());
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void postsAndPagesMessagesThroughTheProvider() {
    User alice = storage.users().create(NewUser.of("alice", "hash")).block();
    Channel general = storage.channels().create(NewChannel.of("general", alice.id())).block();
    Flux.range(1, 10)
        .concatMap(i -> storage.messages().post(NewMessage.of(general.id(), alice.id(), "m" + i)))
        .as(StepVerifier::create)
        .expectNextCount(10)
        .verifyComplete();
    List<Message> page =
        storage.messages().page(HistoryQuery.latest(general.id(), 3)).collectList().block();
    assertThat(page).extracting(Message::seq).containsExactly(10L, 9L, 8L);
    assertThat(storage.messages().latestSeq(general.id()).block()).isEqualTo(10L);
    assertThat(storage.health().block().up()).isTrue();
  }
}
