package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.User;
import dev.chatstore.storage.r2dbc.PostgresFixture.PostgresDatabase;
import dev.chatstore.storage.tck.TestData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The pool on PostgreSQL: cancelled streams release their connection, saturation fails fast. */
class PostgresPoolTests {

  private PostgresDatabase database;
  private Storage storage;

  @BeforeAll
  static void defaultTimeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(60));
  }

  @BeforeEach
  void createDatabase() {
    database = PostgresFixture.INSTANCE.createDatabase();
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
  void aStreamCancelledAfterTenRowsLeavesAPoolOfOneReadyForTheNextQuery() throws SQLException {
    Storage storage = open(Map.of("poolSize", "1"));
    User user = newUser(storage);
    Channel channel = storage.channels().create(NewChannel.of("big", user.id())).toFuture().join();
    int rows = 100_000;
    Bulk.loadMessages(database, channel.id().value(), user.id().value(), rows);

    storage.messages().stream(channel.id(), 0, Direction.FORWARD)
        .as(StepVerifier::create)
        .expectNextCount(10)
        .thenCancel()
        .verify();
    storage
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .as("the one connection serves the next query")
        .expectNext((long) rows)
        .verifyComplete();
    storage
        .messages()
        .page(HistoryQuery.latest(channel.id(), 2))
        .map(m -> m.seq())
        .as(StepVerifier::create)
        .expectNext((long) rows, rows - 1L)
        .verifyComplete();
  }
}
