package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Users: creation, look-up by each unique key, optimistic updates, deletion and paging.
 *
 * <p>Every method checks its arguments at call time ({@link NullPointerException}, {@link
 * IllegalArgumentException}) and touches the database only on subscription; each subscription runs
 * the operation again. Errors are signalled as {@link StorageException}s. Cancelling a subscription
 * releases the connection it held; a write already sent to the database may still commit.
 * Implementations are thread-safe.
 */
public interface UserStore {

  /**
   * Creates a user.
   *
   * @param user what to create
   * @return a {@code Mono} that emits the stored user (version 1) once committed; signals {@link
   *     ConflictException} ({@link ConflictException.Reason#DUPLICATE_KEY}) when the username,
   *     e-mail or public key is taken
   */
  Mono<User> create(NewUser user);

  /**
   * Finds a user by id.
   *
   * @param id the id
   * @return a {@code Mono} that emits the user, or completes empty when there is none
   */
  Mono<User> findById(UserId id);

  /**
   * Finds a user by username, regardless of case.
   *
   * @param username the username
   * @return a {@code Mono} that emits the user, or completes empty when there is none (also when
   *     {@code username} is not a valid username, since none can exist)
   */
  Mono<User> findByUsername(String username);

  /**
   * Finds a user by e-mail, regardless of case.
   *
   * @param email the e-mail address
   * @return a {@code Mono} that emits the user, or completes empty when there is none
   */
  Mono<User> findByEmail(String email);

  /**
   * Finds a user by public key.
   *
   * @param publicKey the exact key
   * @return a {@code Mono} that emits the user, or completes empty when there is none
   */
  Mono<User> findByPublicKey(String publicKey);

  /**
   * Replaces the mutable fields of a user if its stored version is the expected one.
   *
   * @param id the user
   * @param expectedVersion the version the caller last read, at least 1
   * @param update the new field values
   * @return a {@code Mono} that emits the updated user (version + 1); signals {@link
   *     NotFoundException} when there is no such user, {@link ConflictException} with {@link
   *     ConflictException.Reason#VERSION_MISMATCH} when the version moved on, or {@link
   *     ConflictException.Reason#DUPLICATE_KEY} when the new e-mail or key is taken
   */
  Mono<User> update(UserId id, long expectedVersion, UserUpdate update);

  /**
   * Deletes a user, with their sessions and memberships. Their messages and media stay, still
   * naming them as author or uploader.
   *
   * @param id the user
   * @return a {@code Mono} that completes once committed; signals {@link NotFoundException} when
   *     there is no such user
   */
  Mono<Void> delete(UserId id);

  /**
   * Pages through all users in username order (keyset, no offset).
   *
   * @param afterUsername the last username of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} users with usernames greater than {@code
   *     afterUsername}, ascending; empty after the last page
   */
  Flux<User> page(@Nullable String afterUsername, int limit);
}
