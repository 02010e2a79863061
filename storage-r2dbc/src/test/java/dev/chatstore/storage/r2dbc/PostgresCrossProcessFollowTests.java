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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Follow across processes on PostgreSQL: two storages on one database stand for two processes. The
 * poster notifies after its commits, from its notifier connection; a lost notification is made up
 * for by the follower's safety wake-up.
 */
class PostgresCrossProcessFollowTests {

  private static final long WAIT_SECONDS = 60;

  private PostgresDatabase database;
  private final List<Storage> storages = new ArrayList<>();
  private final List<Disposable> followers = new ArrayList<>();

  @BeforeAll
  static void defaultTimeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(WAIT_SECONDS));
  }

  @BeforeEach
  void createDatabase() {
    database = PostgresFixture.INSTANCE.createDatabase();
  }

  @AfterEach
  void release() {
    followers.forEach(Disposable::dispose);
    storages.forEach(Storage::close);
    database.close();
  }

  private Storage open(Map<String, String> properties) {
    Storage storage = database.open(StorageOptions.defaults().withProperties(properties));
    storages.add(storage);
    return storage;
  }

  /** Follows a channel from the start into a queue of messages. */
  private BlockingQueue<Message> follow(Storage storage, Channel channel) {
    BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    followers.add(storage.messages().follow(channel.id(), 0).subscribe(received::add));
    return received;
  }

  private static Message next(BlockingQueue<Message> received) throws InterruptedException {
    Message message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(message).as("a message arrived within %d s", WAIT_SECONDS).isNotNull();
    return message;
  }

  private static Message post(Storage storage, Channel channel, User user, String body) {
    return storage
        .messages()
        .post(NewMessage.of(channel.id(), user.id(), body))
        .toFuture()
        .join()
        .message();
  }

  @Test
  void aFollowerInAnotherStorageSeesEveryPostOfTheFirstOnceAndInOrder() throws Exception {
    // no safety wake-up: only the poster's notifications can wake this follower
    Storage follower = open(Map.of("followSafetyWakeUp", "0"));
    Storage poster = open(Map.of());
    User user =
        poster.users().create(NewUser.of("poster", TestData.passwordHash())).toFuture().join();
    Channel channel = poster.channels().create(NewChannel.of("live", user.id())).toFuture().join();
    BlockingQueue<Message> received = follow(follower, channel);
    assertThat(post(poster, channel, user, "first").seq()).isEqualTo(1);
    assertThat(next(received).body()).as("the first post, woken by NOTIFY").isEqualTo("first");

    // concurrent posts (coalesced notifications), and one inside a transaction (notified after it)
    Flux.range(1, 40)
        .flatMap(i -> poster.messages().post(NewMessage.of(channel.id(), user.id(), "m" + i)), 8)
        .then()
        .toFuture()
        .join();
    poster
        .inTransaction(
            tx -> tx.messages().post(NewMessage.of(channel.id(), user.id(), "in a transaction")))
        .then()
        .toFuture()
        .join();

    List<Message> rest = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      rest.add(next(received));
    }
    assertThat(rest.stream().map(Message::seq).toList())
        .as("every position once, in order")
        .containsExactlyElementsOf(LongStream.rangeClosed(2, 42).boxed().toList());
    assertThat(rest.stream().map(Message::body).collect(Collectors.toSet()))
        .containsAll(IntStream.rangeClosed(1, 40).mapToObj(i -> "m" + i).toList())
        .contains("in a transaction");
  }

  @Test
  void theSafetyWakeUpDeliversAMessageWhoseNotificationWasLost() throws Exception {
    Storage safe = open(Map.of("followSafetyWakeUp", "200ms"));
    Storage unsafe = open(Map.of("followSafetyWakeUp", "0"));
    R2dbcStorage poster = (R2dbcStorage) open(Map.of());
    User user =
        poster.users().create(NewUser.of("poster", TestData.passwordHash())).toFuture().join();
    Channel channel = poster.channels().create(NewChannel.of("lossy", user.id())).toFuture().join();
    BlockingQueue<Message> withSafety = follow(safe, channel);
    BlockingQueue<Message> withoutSafety = follow(unsafe, channel);
    post(poster, channel, user, "m0");
    assertThat(next(withSafety).body()).isEqualTo("m0");
    assertThat(next(withoutSafety).body()).as("both followers listen").isEqualTo("m0");

    // as if the poster died between its commit and its notification
    poster.suppressNotifications(true);
    post(poster, channel, user, "m1");
    assertThat(next(withSafety).body())
        .as("the safety wake-up re-reads the table and finds the message")
        .isEqualTo("m1");
    assertThat(withoutSafety).as("no notification came, so nothing woke it").isEmpty();

    poster.suppressNotifications(false);
    post(poster, channel, user, "m2");
    assertThat(List.of(next(withoutSafety).body(), next(withoutSafety).body()))
        .as("the next notification of the channel delivers the late message first")
        .containsExactly("m1", "m2");
    assertThat(next(withSafety).body()).isEqualTo("m2");
    assertThat(withSafety).as("nothing twice").isEmpty();
  }

  @Test
  void notificationsResumeWhenTheNotifierConnectionIsKilled() throws Exception {
    Storage follower = open(Map.of("followSafetyWakeUp", "0"));
    Storage poster = open(Map.of());
    User user =
        poster.users().create(NewUser.of("poster", TestData.passwordHash())).toFuture().join();
    Channel channel = poster.channels().create(NewChannel.of("kill", user.id())).toFuture().join();
    BlockingQueue<Message> received = follow(follower, channel);
    post(poster, channel, user, "before");
    assertThat(next(received).body()).isEqualTo("before");

    assertThat(terminateNotifiers()).as("notifier connections terminated").isPositive();
    post(poster, channel, user, "after");
    assertThat(next(received).body())
        .as("the notifier reconnects and sends what it had not sent")
        .isEqualTo("after");
  }

  private int terminateNotifiers() throws SQLException {
    try (Connection c = PostgresFixture.INSTANCE.admin();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = ? AND application_name = 'chatstore-notify'")) {
      s.setString(1, database.name());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
