package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The unique keys of {@link UserStore}: username and e-mail (regardless of case) and public key. A
 * taken value is a {@link dev.chatstore.storage.ConflictException.Reason#DUPLICATE_KEY} conflict
 * that names the record field, with the same text on every backend.
 */
public abstract class UserUniqueKeyContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected UserUniqueKeyContractTests() {}

  private UserStore users() {
    return storage().users();
  }

  @Test
  void createWithATakenUsernameIsADuplicateRegardlessOfCase() {
    User user = newUser();
    users()
        .create(TestData.newUser(user.username().toUpperCase(Locale.ROOT)))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("username"))
        .verify();
  }

  @Test
  void createWithATakenEmailIsADuplicateRegardlessOfCase() {
    User user = newUser();
    NewUser other =
        new NewUser(
            TestData.username(),
            "Other",
            user.email().toUpperCase(Locale.ROOT),
            null,
            TestData.passwordHash());
    users().create(other).as(StepVerifier::create).expectErrorMatches(duplicate("email")).verify();
  }

  @Test
  void createWithATakenPublicKeyIsADuplicate() {
    User user = newUser();
    NewUser other =
        new NewUser(TestData.username(), "Other", null, user.publicKey(), TestData.passwordHash());
    users()
        .create(other)
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("publicKey"))
        .verify();
  }

  @Test
  void usersWithoutEmailOrKeyDoNotCollide() {
    await(users().create(TestData.newUser(TestData.username())));
    users()
        .create(TestData.newUser(TestData.username()))
        .as(StepVerifier::create)
        .as("null e-mails and keys are not duplicates of each other")
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void updateKeepingTheUsersOwnEmailAndKeyIsNoDuplicate() {
    User user = newUser();
    users()
        .update(user.id(), 1, UserUpdate.of(user).withEmail(user.email().toUpperCase(Locale.ROOT)))
        .as(StepVerifier::create)
        .assertNext(
            u -> {
              assertThat(u.version()).isEqualTo(2);
              assertThat(u.email()).isEqualTo(user.email());
              assertThat(u.publicKey()).isEqualTo(user.publicKey());
            })
        .verifyComplete();
  }

  @Test
  void updateToAnotherUsersEmailIsADuplicate() {
    User first = newUser();
    User second = newUser();
    users()
        .update(second.id(), 1, UserUpdate.of(second).withEmail(first.email()))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("email"))
        .verify();
    users()
        .update(second.id(), 1, UserUpdate.of(second).withPublicKey(first.publicKey()))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("publicKey"))
        .verify();
    assertThat(await(users().findById(second.id()))).as("unchanged").isEqualTo(second);
  }

  @Test
  void aTakenKeyStoresNothing() {
    User user = newUser();
    NewUser other =
        new NewUser(TestData.username(), "Other", null, user.publicKey(), TestData.passwordHash());
    users()
        .create(other)
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("publicKey"))
        .verify();
    users()
        .findByUsername(other.username())
        .as(StepVerifier::create)
        .as("the failed create left no row")
        .verifyComplete();
  }

  @Test
  void aUserTakingTwoKeysIsADuplicateOfOneOfThem() {
    User user = newUser();
    NewUser both =
        new NewUser(
            user.username(),
            "Other",
            user.email().toUpperCase(Locale.ROOT),
            null,
            TestData.passwordHash());
    users()
        .create(both)
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("username").or(duplicate("email")))
        .verify();
  }

  @Test
  void updateToAFreeKeyAfterAConflictSucceeds() {
    User first = newUser();
    User second = newUser();
    users()
        .update(second.id(), 1, UserUpdate.of(second).withEmail(first.email()))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("email"))
        .verify();
    String email = TestData.username() + "@example.com";
    users()
        .update(second.id(), 1, UserUpdate.of(second).withEmail(email))
        .as(StepVerifier::create)
        .assertNext(u -> assertThat(u.email()).isEqualTo(email))
        .verifyComplete();
  }
}
