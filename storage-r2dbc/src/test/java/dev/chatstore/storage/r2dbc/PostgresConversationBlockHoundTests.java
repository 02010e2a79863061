package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.r2dbc.PostgresFixture.PostgresDatabase;
import dev.chatstore.storage.tck.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound over the conversation features on PostgreSQL (threads, reactions, edit history, read
 * state, search, retention, audit): none makes a blocking call on a non-blocking thread. Runs in
 * the BlockHound JVM with {@link PostgresBlockHoundTests}, installing the same configuration (the
 * first install wins; BlockHound cannot be uninstalled).
 */
class PostgresConversationBlockHoundTests {

  private static PostgresDatabase database;
  private static Storage storage;

  @BeforeAll
  static void openTheStorageThenInstallBlockHound() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(60));
    database = PostgresFixture.INSTANCE.createDatabase();
    storage = database.open(StorageOptions.defaults());
    BlockHound.builder().loadIntegrations().install();
  }

  @AfterAll
  static void close() {
    storage.close();
    database.close();
  }

  @Test
  void theConversationFeaturesRunWithoutBlocking() {
    Mono<RetentionReport> all =
        Mono.defer(
                () -> storage.users().create(NewUser.of("conversation", TestData.passwordHash())))
            .subscribeOn(Schedulers.parallel())
            .flatMap(
                user ->
                    storage
                        .channels()
                        .create(NewChannel.of("conversation", user.id()))
                        .flatMap(
                            channel ->
                                storage
                                    .messages()
                                    .post(NewMessage.of(channel.id(), user.id(), "hello world"))
                                    .map(PostResult::message)
                                    .flatMap(
                                        root ->
                                            storage
                                                .messages()
                                                .post(
                                                    new NewMessage(
                                                        channel.id(),
                                                        user.id(),
                                                        "a reply",
                                                        root.id(),
                                                        null))
                                                .then(conversation(user.id(), channel.id(), root))
                                                .contextWrite(Actor.of(user.id())))
                                    .then(
                                        storage
                                            .retention()
                                            .setPolicy(channel.id(), Duration.ofDays(1)))
                                    .then(
                                        storage
                                            .retention()
                                            .purgeExpired(
                                                Instant.now().plus(Duration.ofDays(2)), 1))));
    all.as(StepVerifier::create)
        .assertNext(report -> assertThat(report.messagesPurged()).isEqualTo(2))
        .expectComplete()
        .verify(PostgresBlockHoundTests.SCENARIO_TIMEOUT);
  }

  private Mono<Void> conversation(
      dev.chatstore.storage.UserId user, dev.chatstore.storage.ChannelId channel, Message root) {
    return Mono.when(
            storage.messages().replies(root.id(), 0, 10).then(),
            storage.reactions().add(root.id(), user, "👍"),
            storage.readState().unreadCounts(user).then(),
            storage.readState().readReceipts(channel, 0, null, 10).then(),
            storage.search().search(SearchQuery.of("hello wor*", user, 10)).then())
        .then(storage.reactions().summarize(List.of(root.id()), user))
        .then(storage.messages().edit(root.id(), 1, "hello again"))
        .then(storage.messages().edits(root.id(), 0, 10).then())
        .then(storage.channels().putMember(channel, user, Role.OWNER))
        .then(storage.audit().page(channel, null, 10).then())
        .then(storage.reactions().remove(root.id(), user, "👍"))
        .then();
  }
}
