package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The password hashes of {@link UserStore}: a {@link PasswordHash} of either scheme is stored in
 * its prefixed form and reads back equal, by every finder and after an update, on every backend.
 */
public abstract class UserPasswordHashContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected UserPasswordHashContractTests() {}

  private UserStore users() {
    return storage().users();
  }

  @Test
  void aUserCreatedWithAPbkdf2HashReadsBackEqualAndStillMatches() {
    PasswordHash hash = PasswordHash.pbkdf2("correct horse".toCharArray());
    User created = await(users().create(NewUser.of(TestData.username(), hash)));
    assertThat(created.passwordHash()).isEqualTo(hash);
    User found = await(users().findById(created.id()));
    assertThat(found).isEqualTo(created);
    assertThat(found.passwordHash().value()).startsWith("{pbkdf2-sha256}310000$");
    assertThat(found.passwordHash().matches("correct horse".toCharArray()))
        .as("the stored hash verifies the password it was made from")
        .isTrue();
    assertThat(found.passwordHash().matches("wrong horse".toCharArray())).isFalse();
    users()
        .findByUsername(created.username())
        .as(StepVerifier::create)
        .assertNext(u -> assertThat(u.passwordHash()).isEqualTo(hash))
        .verifyComplete();
  }

  @Test
  void aUserCreatedWithABcryptHashReadsBackEqual() {
    PasswordHash hash =
        PasswordHash.bcrypt("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy");
    User created = await(users().create(NewUser.of(TestData.username(), hash)));
    users()
        .findById(created.id())
        .as(StepVerifier::create)
        .assertNext(
            u -> {
              assertThat(u.passwordHash()).isEqualTo(hash);
              assertThat(u.passwordHash().scheme()).isEqualTo(PasswordHash.BCRYPT);
              assertThat(u.passwordHash().encoded()).startsWith("$2a$10$");
            })
        .verifyComplete();
  }

  @Test
  void anUpdateToAHashOfTheOtherSchemeReadsBackEqual() {
    User user = newUser();
    PasswordHash hash = PasswordHash.pbkdf2("new password".toCharArray());
    users()
        .update(user.id(), 1, UserUpdate.of(user).withPasswordHash(hash))
        .as(StepVerifier::create)
        .assertNext(u -> assertThat(u.passwordHash()).isEqualTo(hash))
        .verifyComplete();
    assertThat(await(users().findById(user.id())).passwordHash()).isEqualTo(hash);
  }
}
