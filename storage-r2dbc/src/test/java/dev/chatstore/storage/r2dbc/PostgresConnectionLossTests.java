package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.User;
import dev.chatstore.storage.r2dbc.PostgresFixture.PostgresDatabase;
import dev.chatstore.storage.tck.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Connections killed by the server ({@code pg_terminate_backend}): the storage recovers. */
class PostgresConnectionLossTests {

  private PostgresDatabase database;
  private final List<Storage> storages = new ArrayList<>();

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
    storages.forEach(Storage::close);
    database.close();
  }

  private Storage open(Map<String, String> properties) {
    Storage storage = database.open(StorageOptions.defaults().withProperties(properties));
    storages.add(storage);
    return storage;
  }

  /** Terminates the backends of this database whose last statement matches a pattern. */
  private int terminate(String queryPattern, boolean matching) throws SQLException {
    try (Connection c = PostgresFixture.INSTANCE.admin();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = ? AND application_name = 'chatstore'"
                    + " AND (query LIKE ?) = ?")) {
      s.setString(1, database.name());
      s.setString(2, queryPattern);
      s.setBoolean(3, matching);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  @Test
  void aPooledConnectionKilledByTheServerIsReplaced() throws SQLException {
    Storage storage = open(Map.of("poolSize", "1"));
    User user =
        storage.users().create(NewUser.of("survivor", TestData.passwordHash())).toFuture().join();

    assertThat(terminate("LISTEN%", false)).as("the pooled connection was terminated").isEqualTo(1);

    storage
        .users()
        .findById(user.id())
        .as(StepVerifier::create)
        .as("a read after the loss is served on a new connection")
        .expectNext(user)
        .verifyComplete();
    storage
        .users()
        .create(NewUser.of("after-loss", TestData.passwordHash()))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    storage.health().map(h -> h.up()).as(StepVerifier::create).expectNext(true).verifyComplete();
  }

  @Test
  void followersMissNothingWhenTheListenerConnectionIsKilled() throws SQLException {
    Storage follower = open(Map.of());
    // another process posting to the same database: only LISTEN/NOTIFY can wake the follower
    Storage poster = open(Map.of());
    User user =
        poster.users().create(NewUser.of("poster", TestData.passwordHash())).toFuture().join();
    Channel channel = poster.channels().create(NewChannel.of("live", user.id())).toFuture().join();

    follower
        .messages()
        .follow(channel.id(), 0)
        .map(Message::body)
        .as(StepVerifier::create)
        .then(() -> post(poster, channel, user, 1, 5))
        .expectNext(bodies(1, 5))
        .then(
            () -> {
              try {
                assertThat(terminate("LISTEN%", true)).as("listeners terminated").isPositive();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              // committed while the listener is down or reconnecting
              post(poster, channel, user, 6, 10);
            })
        .as("the reconnected listener wakes the follower, which re-reads from its position")
        .expectNext(bodies(6, 10))
        .then(() -> post(poster, channel, user, 11, 15))
        .expectNext(bodies(11, 15))
        .thenCancel()
        .verify();
  }

  private static void post(Storage storage, Channel channel, User user, int from, int to) {
    Flux.range(from, to - from + 1)
        .concatMap(i -> storage.messages().post(NewMessage.of(channel.id(), user.id(), "m" + i)))
        .then()
        .toFuture()
        .join();
  }

  private static String[] bodies(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toArray(String[]::new);
  }
}
