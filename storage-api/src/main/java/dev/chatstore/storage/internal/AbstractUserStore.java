package dev.chatstore.storage.internal;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link UserStore}, written once: argument checks, the record a create stores, key
 * folding, the version check and the errors. A backend implements one hook per unit of work; hooks
 * are cold and report what they found as data. A taken username, e-mail or public key is a unique
 * violation that the backend's error translation turns into {@link Failures#duplicate} through
 * {@link UniqueKeys}. Thread-safe when the hooks are.
 */
public abstract class AbstractUserStore implements UserStore {

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractUserStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  /**
   * The user a create stores: a new id, version 1, created and updated now.
   *
   * @param user what to create
   * @param now the storage's "now"
   * @return the user
   */
  public static User created(NewUser user, Instant now) {
    return new User(
        UserId.generate(),
        user.username(),
        user.displayName(),
        user.email(),
        user.publicKey(),
        user.passwordHash(),
        now,
        now,
        1);
  }

  @Override
  public final Mono<User> create(NewUser user) {
    Checks.notNull(user, "user");
    return Mono.defer(
        () -> {
          User created = created(user, Instants.now(clock));
          return insertUser(created).thenReturn(created);
        });
  }

  @Override
  public final Mono<User> findById(UserId id) {
    Checks.notNull(id, "id");
    return selectUser(id);
  }

  @Override
  public final Mono<User> findByUsername(String username) {
    return Checks.findByFolded(username, "username", NewUser::username, this::selectUserByUsername);
  }

  @Override
  public final Mono<User> findByEmail(String email) {
    Checks.notNull(email, "email");
    return selectUserByEmail(email.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public final Mono<User> findByPublicKey(String publicKey) {
    Checks.notNull(publicKey, "publicKey");
    return selectUserByPublicKey(publicKey);
  }

  @Override
  public final Mono<User> update(UserId id, long expectedVersion, UserUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    return Mono.defer(
        () ->
            updateUserIfVersion(id, expectedVersion, update, Instants.now(clock))
                .flatMap(outcome -> outcome.orFailure("user", id, expectedVersion)));
  }

  @Override
  public final Mono<Void> delete(UserId id) {
    Checks.notNull(id, "id");
    return deleteUser(id)
        .flatMap(
            deleted -> deleted == 0 ? Mono.error(Failures.userNotFound(id)) : Mono.<Void>empty());
  }

  @Override
  public final Flux<User> page(@Nullable String afterUsername, int limit) {
    Checks.limit(limit);
    return selectUsersAfter(
        afterUsername == null ? null : afterUsername.toLowerCase(Locale.ROOT), limit);
  }

  /**
   * Inserts a user (one statement; a key-value engine: the user item and one item per unique key,
   * each conditioned on not existing).
   *
   * @param user the user to store
   * @return a {@code Mono} that completes once stored
   */
  protected abstract Mono<Void> insertUser(User user);

  /**
   * Reads a user.
   *
   * @param id the user
   * @return a {@code Mono} of the user, empty when there is none
   */
  protected abstract Mono<User> selectUser(UserId id);

  /**
   * Reads a user by folded username.
   *
   * @param username the lower-case username
   * @return a {@code Mono} of the user, empty when there is none
   */
  protected abstract Mono<User> selectUserByUsername(String username);

  /**
   * Reads a user by folded e-mail.
   *
   * @param email the lower-case address
   * @return a {@code Mono} of the user, empty when there is none
   */
  protected abstract Mono<User> selectUserByEmail(String email);

  /**
   * Reads a user by public key.
   *
   * @param publicKey the exact key
   * @return a {@code Mono} of the user, empty when there is none
   */
  protected abstract Mono<User> selectUserByPublicKey(String publicKey);

  /**
   * Replaces a user's mutable fields and increments the version if it is at the expected one (one
   * unit of work: a conditional update, and the version read when it changed nothing).
   *
   * @param id the user
   * @param expectedVersion the version it must be at
   * @param update the new fields
   * @param now the new {@code updatedAt}
   * @return a {@code Mono} of the outcome: the updated user, the stored version, or missing
   */
  protected abstract Mono<UpdateOutcome<User>> updateUserIfVersion(
      UserId id, long expectedVersion, UserUpdate update, Instant now);

  /**
   * Deletes a user with their sessions and memberships.
   *
   * @param id the user
   * @return a {@code Mono} of the number of users deleted
   */
  protected abstract Mono<Long> deleteUser(UserId id);

  /**
   * A page of users in username order.
   *
   * @param afterUsername the lower-case username to start after, or null for the first page
   * @param limit the page size
   * @return a {@code Flux} of at most {@code limit} users
   */
  protected abstract Flux<User> selectUsersAfter(@Nullable String afterUsername, int limit);
}
