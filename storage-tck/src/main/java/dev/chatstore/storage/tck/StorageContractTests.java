package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The contract of {@link Storage} itself: health, capabilities, closing, the precision of instants,
 * and the capability-gated behaviour across storages.
 */
public abstract class StorageContractTests extends StorageContractSupport {

  /** What every call on a closed storage signals, on every backend. */
  private static final String CLOSED = "the storage is closed";

  /** For subclasses. */
  protected StorageContractTests() {}

  @Test
  void healthIsUpAndNamesTheBackend() {
    storage()
        .health()
        .as(StepVerifier::create)
        .assertNext(
            h -> {
              assertThat(h.up()).isTrue();
              assertThat(h.backend()).isNotBlank();
              assertThat(h.details().toString())
                  .as("no credentials")
                  .doesNotContainIgnoringCase("password=");
            })
        .verifyComplete();
  }

  @Test
  void capabilitiesAreAnImmutableSet() {
    assertThat(storage().capabilities()).isNotNull();
    assertThatThrownBy(() -> storage().capabilities().add(Capability.PARALLEL_WRITES))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void closeIsIdempotent() {
    Storage storage = isolatedStorage(Map.of());
    storage.health().as(StepVerifier::create).expectNextCount(1).verifyComplete();
    storage.close();
    storage.close();
  }

  @Test
  void callsAfterCloseSignalTheSameNonTransientErrorInsteadOfHanging() {
    Storage storage = isolatedStorage(Map.of());
    User user = await(storage.users().create(TestData.newUser()));
    storage.close();
    storage
        .users()
        .findById(user.id())
        .as(StepVerifier::create)
        .as("a read")
        .expectErrorMatches(failure(InternalStorageException.class, CLOSED))
        .verify();
    storage
        .users()
        .create(TestData.newUser())
        .as(StepVerifier::create)
        .as("a write")
        .expectErrorMatches(failure(InternalStorageException.class, CLOSED))
        .verify();
  }

  @Test
  void aTransactionOrAFollowAfterCloseSignalsTheClosedErrorWhichIsNotTransient() {
    Storage storage = isolatedStorage(Map.of());
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    storage.close();
    storage
        .inTransaction(tx -> tx.users().findById(user.id()))
        .as(StepVerifier::create)
        .expectErrorMatches(failure(InternalStorageException.class, CLOSED))
        .verify();
    storage
        .messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .as("a follower that subscribes after the close gets the error, not completion")
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(InternalStorageException.class).hasMessage(CLOSED);
              assertThat(((StorageException) e).isTransient()).as("retrying never helps").isFalse();
            })
        .verify();
  }

  @Test
  void closeEndsFollowersWithCompletion() {
    Storage storage = isolatedStorage(Map.of());
    User user = await(storage.users().create(TestData.newUser()));
    Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
    await(storage.messages().post(NewMessage.of(channel.id(), user.id(), "before close")));
    storage
        .messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .as("an idle follower, past its replay")
        .expectNextCount(1)
        .then(storage::close)
        .verifyComplete();
  }

  @Test
  void closeEndsAFollowerWithCompletionEvenWhileItsReplayIsInFlight() {
    for (int attempt = 0; attempt < 5; attempt++) {
      Storage storage = isolatedStorage(Map.of());
      User user = await(storage.users().create(TestData.newUser()));
      Channel channel = await(storage.channels().create(TestData.newChannel(user.id())));
      await(storage.messages().post(NewMessage.of(channel.id(), user.id(), "before close")));
      storage
          .messages()
          .follow(channel.id(), 0)
          .as(StepVerifier::create)
          .then(storage::close)
          .as("whatever the replay got to, the close completes the follower, never errors")
          .thenConsumeWhile(message -> true)
          .verifyComplete();
    }
  }

  @Test
  void dataSurvivesClosingAndReopening() {
    TestDatabase database = isolatedDatabase();
    Storage first = openTracked(database, Map.of());
    User user = await(first.users().create(TestData.newUser()));
    Channel channel = await(first.channels().create(TestData.newChannel(user.id())));
    Message message =
        await(first.messages().post(NewMessage.of(channel.id(), user.id(), "durable"))).message();
    first.close();
    Storage second = openTracked(database, Map.of());
    second.users().findById(user.id()).as(StepVerifier::create).expectNext(user).verifyComplete();
    second
        .messages()
        .findById(message.id())
        .as(StepVerifier::create)
        .expectNext(message)
        .verifyComplete();
    second
        .messages()
        .latestSeq(channel.id())
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void instantsRoundTripWithMicrosecondPrecision() {
    // non-zero micros and nanos: the storage keeps the micros and drops the nanos
    Instant t1 = Instant.parse("2031-05-06T07:08:09.123456789Z");
    Instant t2 = Instant.parse("1999-12-31T23:59:59.000001999Z");
    Instant t3 = Instant.parse("2100-02-28T12:00:00.999999999Z");
    clock.set(t1);
    User user = newUser();
    Channel channel = await(storage().channels().create(TestData.newChannel(user.id())));
    Message message = post(channel, "when");
    Session session = await(storage().sessions().create(user.id(), TestData.tokenHash(), t3));
    MediaItem media = await(storage().media().create(TestData.newMedia(user.id(), channel.id())));
    KeyValueEntry entry =
        await(storage().keyValues().put(TestData.unique("p"), "k", new byte[] {1}));
    Membership membership = await(storage().channels().findMember(channel.id(), user.id()));
    clock.set(t2);
    User updated =
        await(storage().users().update(user.id(), 1, UserUpdate.of(user).withDisplayName("later")));
    Message edited = await(storage().messages().edit(message.id(), 1, "edited"));

    Instant micros1 = Instant.parse("2031-05-06T07:08:09.123456Z");
    Instant micros2 = Instant.parse("1999-12-31T23:59:59.000001Z");
    assertThat(user.createdAt()).isEqualTo(micros1);
    assertThat(channel.createdAt()).isEqualTo(micros1);
    assertThat(message.createdAt()).isEqualTo(micros1);
    assertThat(session.createdAt()).isEqualTo(micros1);
    assertThat(session.expiresAt()).isEqualTo(Instant.parse("2100-02-28T12:00:00.999999Z"));
    assertThat(media.createdAt()).isEqualTo(micros1);
    assertThat(entry.updatedAt()).isEqualTo(micros1);
    assertThat(membership.joinedAt()).isEqualTo(micros1);
    assertThat(updated.updatedAt()).isEqualTo(micros2);
    assertThat(edited.editedAt()).isEqualTo(micros2);

    storage()
        .users()
        .findById(user.id())
        .as(StepVerifier::create)
        .expectNext(updated)
        .verifyComplete();
    storage()
        .channels()
        .findById(channel.id())
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.createdAt()).isEqualTo(micros1))
        .verifyComplete();
    storage()
        .messages()
        .findById(message.id())
        .as(StepVerifier::create)
        .expectNext(edited)
        .verifyComplete();
    clock.set(t1);
    storage()
        .sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .expectNext(session)
        .verifyComplete();
    storage()
        .media()
        .findById(media.id())
        .as(StepVerifier::create)
        .expectNext(media)
        .verifyComplete();
    storage()
        .keyValues()
        .get(entry.partition(), "k")
        .as(StepVerifier::create)
        .expectNext(entry)
        .verifyComplete();
    storage()
        .channels()
        .findMember(channel.id(), user.id())
        .as(StepVerifier::create)
        .expectNext(membership)
        .verifyComplete();
  }

  @Test
  void aSecondStorageOnTheSameDatabaseSeesTheCommitsOfTheFirstWhileFollowing() {
    Assumptions.assumeTrue(
        storage().capabilities().contains(Capability.CROSS_PROCESS_FOLLOW),
        "the backend does not declare CROSS_PROCESS_FOLLOW: only commits made through the same"
            + " Storage wake its followers, and one process owns the database");
    TestDatabase database = isolatedDatabase();
    Storage writer = openTracked(database, Map.of());
    Storage reader = openTracked(database, Map.of());
    User user = await(writer.users().create(TestData.newUser()));
    Channel channel = await(writer.channels().create(TestData.newChannel(user.id())));
    await(writer.messages().post(NewMessage.of(channel.id(), user.id(), "before")));
    reader
        .messages()
        .follow(channel.id(), 0)
        .as(StepVerifier::create)
        .assertNext(m -> assertThat(m.body()).isEqualTo("before"))
        .then(() -> await(writer.messages().post(NewMessage.of(channel.id(), user.id(), "after"))))
        .assertNext(m -> assertThat(m.body()).isEqualTo("after"))
        .thenCancel()
        .verify();
  }

  @Test
  void aDeletedUsersRoleInOtherChannelsIsGoneToo() {
    Channel channel = newChannel();
    User member = newUser();
    await(storage().channels().putMember(channel.id(), member.id(), Role.ADMIN));
    awaitOrNull(storage().users().delete(member.id()));
    storage()
        .channels()
        .pageMembers(channel.id(), null, 10)
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void storagesRejectAnUnknownUrlScheme() {
    assertThatThrownBy(() -> Storages.open("nosuchdb:/tmp/x", options(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nosuchdb");
  }

  @Test
  void clockIsUsedForTimestampsNotTheSystemTime() {
    clock.set(Instant.parse("2001-01-01T00:00:00Z"));
    User user = newUser();
    assertThat(user.createdAt()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
    clock.advance(Duration.ofDays(1));
    assertThat(newUser().createdAt()).isEqualTo(Instant.parse("2001-01-02T00:00:00Z"));
  }
}
