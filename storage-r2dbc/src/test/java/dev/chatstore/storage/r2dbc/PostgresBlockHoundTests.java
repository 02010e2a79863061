package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserUpdate;
import dev.chatstore.storage.r2dbc.PostgresFixture.PostgresDatabase;
import dev.chatstore.storage.tck.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound proves that the PostgreSQL path makes no blocking call on a non-blocking thread
 * (Reactor's parallel workers, Netty's event loops): every operation below starts on a parallel
 * worker and continues on the driver's event loop. The storage is opened before BlockHound is
 * installed, because opening blocks by contract (JDBC and Liquibase). This class runs in a JVM of
 * its own (see the pom), since BlockHound cannot be uninstalled.
 */
class PostgresBlockHoundTests {

  private static PostgresDatabase database;
  private static Storage storage;

  // A scenario is some fifty round trips plus the pool's first connections, all after
  // BlockHound's install: on a loaded machine (2 cores shared with other builds) one has taken
  // over 40 s with every thread of the JVM idle, waiting on PostgreSQL: the 60 s default timeout
  // was within reach, and its failure reads as a hang. These tests prove the absence of blocking
  // calls, not latency: they get more time. A real hang still fails, and the HangWatchdog of
  // storage-test-support dumps the threads after 40 s without progress.
  static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(3);

  @BeforeAll
  static void openTheStorageThenInstallBlockHound() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(60));
    database = PostgresFixture.INSTANCE.createDatabase();
    storage = database.open(StorageOptions.defaults());
    // no allowances: ids are drawn without touching SecureRandom (see Uuids)
    BlockHound.builder().loadIntegrations().install();
  }

  @AfterAll
  static void close() {
    storage.close();
    database.close();
  }

  @Test
  void blockHoundCatchesABlockingCallOnAParallelWorker() {
    // a scheduler of its own: its threads are created now, after the install, whatever other
    // test classes in this JVM did to the shared schedulers
    Scheduler nonBlocking = Schedulers.newParallel("blockhound-check", 1);
    try {
      Mono.fromCallable(
              () -> {
                Thread.sleep(1);
                return 1;
              })
          .subscribeOn(nonBlocking)
          .as(StepVerifier::create)
          .expectError(BlockingOperationError.class)
          .verify();
    } finally {
      nonBlocking.dispose();
    }
  }

  @Test
  void everyStoreRunsWithoutBlocking() {
    Mono<List<Message>> all =
        Mono.defer(
                () ->
                    storage
                        .users()
                        .create(NewUser.of("nonblocking", TestData.passwordHash()))
                        .flatMap(
                            u ->
                                storage
                                    .users()
                                    .update(u.id(), 1, UserUpdate.of(u).withDisplayName("NB")))
                        .flatMap(u -> storage.users().findByUsername(u.username())))
            .subscribeOn(Schedulers.parallel())
            .flatMap(this::exercise);
    all.as(StepVerifier::create)
        .assertNext(
            messages -> assertThat(messages).extracting(Message::body).contains("m1", "m20"))
        .expectComplete()
        .verify(SCENARIO_TIMEOUT);
  }

  private Mono<List<Message>> exercise(User user) {
    return storage
        .channels()
        .create(NewChannel.of("nb", user.id()))
        .flatMap(
            channel ->
                Flux.range(1, 20)
                    .concatMap(
                        i ->
                            storage
                                .messages()
                                .post(
                                    NewMessage.of(channel.id(), user.id(), "m" + i)
                                        .withClientTxnId("k" + i)))
                    .then(others(user, channel))
                    .then(
                        storage
                            .messages()
                            .follow(channel.id(), 0)
                            .take(20)
                            .collectList()
                            .zipWith(
                                storage.messages().stream(channel.id(), 0, Direction.FORWARD)
                                    .collectList(),
                                (follow, stream) -> {
                                  assertThat(follow).isEqualTo(stream);
                                  return stream;
                                })));
  }

  private Mono<Void> others(User user, Channel channel) {
    Instant later = Instant.now().plusSeconds(3600);
    TokenHash token = TokenHash.of("token-nonblocking");
    return Mono.when(
            storage.messages().page(HistoryQuery.latest(channel.id(), 5)).then(),
            storage.readState().markRead(channel.id(), user.id(), 10),
            storage.readState().unreadCount(channel.id(), user.id()),
            storage.channels().pageMembers(channel.id(), null, 10).then(),
            storage.keyValues().put("nb", "k", "v".getBytes(StandardCharsets.UTF_8)),
            storage
                .media()
                .create(
                    new NewMedia(
                        "a.png", "image/png", 1, "0".repeat(64), null, user.id(), channel.id())),
            storage.health())
        .then(
            storage
                .sessions()
                .create(user.id(), token, later)
                .flatMap(s -> storage.sessions().touch(s.id(), later.plusSeconds(1))))
        .then(storage.keyValues().put("nb", "k", new byte[] {1}, 1))
        .then(
            storage
                .inTransaction(
                    tx ->
                        tx.channels()
                            .putMember(channel.id(), user.id(), Role.OWNER)
                            .then(tx.keyValues().delete("nb", "k")))
                .then());
  }
}
