package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The contract of {@link UserStore} (its unique keys: {@link UserUniqueKeyContractTests}). */
public abstract class UserStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected UserStoreContractTests() {}

  private UserStore users() {
    return storage().users();
  }

  @Test
  void createStoresEveryFieldAtVersionOne() {
    NewUser input = TestData.newUser();
    users()
        .create(input)
        .as(StepVerifier::create)
        .assertNext(
            user -> {
              assertThat(user.id()).isNotNull();
              assertThat(user.username()).isEqualTo(input.username());
              assertThat(user.displayName()).isEqualTo(input.displayName());
              assertThat(user.email()).isEqualTo(input.email());
              assertThat(user.publicKey()).isEqualTo(input.publicKey());
              assertThat(user.passwordHash()).isEqualTo(input.passwordHash());
              assertThat(user.createdAt())
                  .as("stamped by the storage clock")
                  .isEqualTo(clock.micros());
              assertThat(user.updatedAt()).isEqualTo(user.createdAt());
              assertThat(user.version()).isEqualTo(1);
            })
        .verifyComplete();
  }

  @Test
  void createdUserIsFoundByIdAsStored() {
    User user = newUser();
    users().findById(user.id()).as(StepVerifier::create).expectNext(user).verifyComplete();
  }

  @Test
  void idsOfSuccessiveUsersIncrease() {
    User first = newUser();
    User second = newUser();
    assertThat(second.id()).as("UUIDv7, monotonic within a process").isGreaterThan(first.id());
  }

  @Test
  void findByUsernameIgnoresCase() {
    String name = TestData.username();
    User user = await(users().create(TestData.newUser(name.toUpperCase(Locale.ROOT))));
    assertThat(user.username()).as("stored folded to lower case").isEqualTo(name);
    users()
        .findByUsername(name.toUpperCase(Locale.ROOT))
        .as(StepVerifier::create)
        .expectNext(user)
        .verifyComplete();
    users().findByUsername(name).as(StepVerifier::create).expectNext(user).verifyComplete();
  }

  @Test
  void findByEmailIgnoresCase() {
    User user = newUser();
    users()
        .findByEmail(user.email().toUpperCase(Locale.ROOT))
        .as(StepVerifier::create)
        .expectNext(user)
        .verifyComplete();
  }

  @Test
  void findByPublicKeyFindsTheExactKey() {
    User user = newUser();
    users()
        .findByPublicKey(user.publicKey())
        .as(StepVerifier::create)
        .expectNext(user)
        .verifyComplete();
    users()
        .findByPublicKey(user.publicKey() + "x")
        .as(StepVerifier::create)
        .as("another key")
        .verifyComplete();
  }

  @Test
  void findsAreEmptyWhenNothingMatches() {
    users().findById(UserId.generate()).as(StepVerifier::create).verifyComplete();
    users().findByUsername(TestData.username()).as(StepVerifier::create).verifyComplete();
    users()
        .findByUsername("Not A Valid Username!")
        .as(StepVerifier::create)
        .as("an invalid username cannot exist")
        .verifyComplete();
    users()
        .findByEmail(TestData.username() + "@example.org")
        .as(StepVerifier::create)
        .verifyComplete();
    users().findByPublicKey("pk-" + TestData.token(20)).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void updateReplacesTheFieldsAndIncrementsTheVersion() {
    User user = newUser();
    Instant later = clock.advance(Duration.ofMinutes(5).plusNanos(7_654_321));
    String email = TestData.username() + "@example.net";
    PasswordHash hash = TestData.passwordHash();
    UserUpdate update =
        UserUpdate.of(user)
            .withDisplayName("Renamed")
            .withEmail(email)
            .withPublicKey(null)
            .withPasswordHash(hash);
    users()
        .update(user.id(), 1, update)
        .as(StepVerifier::create)
        .assertNext(
            updated -> {
              assertThat(updated.id()).isEqualTo(user.id());
              assertThat(updated.username()).isEqualTo(user.username());
              assertThat(updated.displayName()).isEqualTo("Renamed");
              assertThat(updated.email()).isEqualTo(email);
              assertThat(updated.publicKey()).isNull();
              assertThat(updated.passwordHash()).isEqualTo(hash);
              assertThat(updated.createdAt()).isEqualTo(user.createdAt());
              assertThat(updated.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
              assertThat(updated.version()).isEqualTo(2);
            })
        .verifyComplete();
    User stored = await(users().findById(user.id()));
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.displayName()).isEqualTo("Renamed");
    users()
        .findByPublicKey(user.publicKey())
        .as(StepVerifier::create)
        .as("key cleared")
        .verifyComplete();
  }

  @Test
  void updateWithAStaleVersionIsAVersionMismatchAndChangesNothing() {
    User user = newUser();
    await(users().update(user.id(), 1, UserUpdate.of(user).withDisplayName("Second")));
    users()
        .update(user.id(), 1, UserUpdate.of(user).withDisplayName("Lost"))
        .as(StepVerifier::create)
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(
                    failure(
                        ConflictException.class, "user " + user.id() + " is at version 2, not 1")))
        .verify();
    assertThat(await(users().findById(user.id())).displayName()).isEqualTo("Second");
  }

  @Test
  void updateOfAMissingUserIsNotFound() {
    User template = newUser();
    UserId missing = UserId.generate();
    users()
        .update(missing, 1, UserUpdate.of(template).withEmail(null).withPublicKey(null))
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "user " + missing + " not found"))
        .verify();
  }

  @Test
  void deleteRemovesTheUserWithSessionsAndMembershipsButKeepsTheirMessages() {
    User user = newUser();
    Channel channel = newChannel();
    await(storage().channels().putMember(channel.id(), user.id(), Role.MEMBER));
    TokenHash hash = TestData.tokenHash();
    await(storage().sessions().create(user.id(), hash, clock.instant().plus(Duration.ofDays(1))));
    Message message =
        await(storage().messages().post(NewMessage.of(channel.id(), user.id(), "hello"))).message();

    Channel own = await(storage().channels().create(TestData.newChannel(user.id())));
    MediaItem media = await(storage().media().create(TestData.newMedia(user.id(), null)));

    users().delete(user.id()).as(StepVerifier::create).verifyComplete();

    storage()
        .channels()
        .findById(own.id())
        .as(StepVerifier::create)
        .as("a channel outlives its creator")
        .expectNext(own)
        .verifyComplete();
    storage()
        .media()
        .findById(media.id())
        .as(StepVerifier::create)
        .as("media outlive their uploader")
        .expectNext(media)
        .verifyComplete();

    users().findById(user.id()).as(StepVerifier::create).verifyComplete();
    users().findByUsername(user.username()).as(StepVerifier::create).verifyComplete();
    storage().sessions().findByTokenHash(hash).as(StepVerifier::create).verifyComplete();
    storage()
        .channels()
        .findMember(channel.id(), user.id())
        .as(StepVerifier::create)
        .verifyComplete();
    storage()
        .messages()
        .findById(message.id())
        .as(StepVerifier::create)
        .as("messages outlive their author")
        .expectNext(message)
        .verifyComplete();
    users()
        .create(TestData.newUser(user.username()))
        .as(StepVerifier::create)
        .as("the username is free again")
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void deleteOfAMissingUserIsNotFound() {
    UserId missing = UserId.generate();
    users()
        .delete(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "user " + missing + " not found"))
        .verify();
  }

  @Test
  void pageWalksUsersInUsernameOrderAcrossPageBoundaries() {
    String prefix = "p" + TestData.token(10);
    List<String> names = new ArrayList<>();
    for (String suffix : List.of("g", "a", "e", "c", "b", "f", "d")) {
      names.add(prefix + "-" + suffix);
      await(users().create(TestData.newUser(prefix + "-" + suffix)));
    }
    names.sort(null);
    List<String> seen = new ArrayList<>();
    String after = prefix;
    for (int pages = 0; pages < 10 && seen.size() < names.size(); pages++) {
      List<User> page = awaitAll(users().page(after, 3));
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      assertThat(page).as("a page is never empty before the end").isNotEmpty();
      page.forEach(u -> seen.add(u.username()));
      after = page.get(page.size() - 1).username();
    }
    assertThat(seen.subList(0, names.size())).containsExactlyElementsOf(names);
  }

  @Test
  void pageAcceptsTheSmallestAndLargestLimits() {
    String prefix = "q" + TestData.token(10);
    User a = await(users().create(TestData.newUser(prefix + "-a")));
    User b = await(users().create(TestData.newUser(prefix + "-b")));
    users().page(prefix, 1).as(StepVerifier::create).expectNext(a).verifyComplete();
    List<User> big = awaitAll(users().page(prefix, 500));
    assertThat(big).hasSizeLessThanOrEqualTo(500).startsWith(a, b);
    List<User> all = awaitAll(users().page(null, 500));
    assertThat(all)
        .hasSizeLessThanOrEqualTo(500)
        .isSortedAccordingTo((x, y) -> x.username().compareTo(y.username()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1, Integer.MIN_VALUE})
  void pageRejectsALimitOutOfRangeAtCallTime(int limit) {
    assertThatThrownBy(() -> users().page(null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 500, got " + limit);
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    User user = newUser();
    UserUpdate update = UserUpdate.of(user);
    assertThatThrownBy(() -> users().create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> users().findById(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> users().findByUsername(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("username");
    assertThatThrownBy(() -> users().findByEmail(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("email");
    assertThatThrownBy(() -> users().findByPublicKey(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("publicKey");
    assertThatThrownBy(() -> users().update(null, 1, update))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> users().update(user.id(), 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("update");
    assertThatThrownBy(() -> users().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void updateRejectsAnExpectedVersionBelowOneAtCallTime(long version) {
    User user = newUser();
    assertThatThrownBy(() -> users().update(user.id(), version, UserUpdate.of(user)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectedVersion must be at least 1, got " + version);
  }

  @Test
  void nothingHappensBeforeSubscription() {
    NewUser input = TestData.newUser();
    Mono<User> create = users().create(input);
    users().findByUsername(input.username()).as(StepVerifier::create).verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    users()
        .findByUsername(input.username())
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void resubscribingRepeatsTheOperation() {
    NewUser input = TestData.newUser(TestData.username()); // one unique key, one possible collision
    Mono<User> create = users().create(input);
    Mono<User> find = users().findByUsername(input.username());
    find.as(StepVerifier::create).as("before creation").verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    create
        .as(StepVerifier::create)
        .as("the second subscription creates again and collides")
        .expectErrorMatches(duplicate("username"))
        .verify();
    find.as(StepVerifier::create).as("after creation").expectNextCount(1).verifyComplete();
  }
}
