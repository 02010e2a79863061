package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import dev.chatstore.storage.tck.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Temp-folder storages for the bridge's own tests, closed after each test. */
abstract class SqliteTestSupport {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir Path dir;
  private final List<SqliteStorage> opened = new ArrayList<>();

  @BeforeAll
  static void defaultTimeout() {
    StepVerifier.setDefaultTimeout(TIMEOUT);
  }

  @AfterEach
  void closeStorages() {
    opened.forEach(SqliteStorage::close);
  }

  Path file() {
    return dir.resolve("chat.db");
  }

  String url() {
    return "sqlite:" + file();
  }

  SqliteStorage open(Map<String, String> properties) {
    return open(properties, StorageObserver.NONE);
  }

  SqliteStorage open(Map<String, String> properties, StorageObserver observer) {
    SqliteStorage storage =
        (SqliteStorage)
            Storages.open(
                url(), StorageOptions.defaults().withProperties(properties).withObserver(observer));
    opened.add(storage);
    return storage;
  }

  static <T> T await(Mono<T> mono) {
    T value = mono.block(TIMEOUT);
    assertThat(value).as("a value").isNotNull();
    return value;
  }

  static User newUser(SqliteStorage storage) {
    return await(
        storage
            .users()
            .create(NewUser.of("user" + NAMES.incrementAndGet(), TestData.passwordHash())));
  }

  static Channel newChannel(SqliteStorage storage) {
    User owner = newUser(storage);
    return await(
        storage.channels().create(NewChannel.of("channel" + NAMES.incrementAndGet(), owner.id())));
  }

  /**
   * Holds the writer with an open transaction until {@link Hold#release()}: writes queued meanwhile
   * wait, and are then group-committed together.
   */
  static Hold hold(SqliteStorage storage) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Sinks.Empty<Void> release = Sinks.empty();
    Sinks.Empty<Void> done = Sinks.empty();
    Disposable subscription =
        storage
            .inTransaction(tx -> Mono.fromRunnable(started::countDown).then(release.asMono()))
            .subscribe(null, e -> done.tryEmitError(e), () -> done.tryEmitEmpty());
    assertThat(started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .as("the transaction started")
        .isTrue();
    return new Hold(release, done, subscription);
  }

  record Hold(Sinks.Empty<Void> release, Sinks.Empty<Void> done, Disposable subscription) {
    /** Ends the transaction and waits for its commit. */
    void releaseAndAwait() {
      release.tryEmitEmpty();
      done.asMono().block(TIMEOUT);
    }
  }
}
