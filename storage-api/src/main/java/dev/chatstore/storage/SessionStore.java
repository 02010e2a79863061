package dev.chatstore.storage;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Sessions: bearer-token logins stored by token hash, with expiry and revocation.
 *
 * <p>"Now" is the storage's clock ({@link StorageOptions#clock()}). Every method checks its
 * arguments at call time and touches the database only on subscription; errors are signalled as
 * {@link StorageException}s; cancelling releases the connection. Implementations are thread-safe.
 */
public interface SessionStore {

  /**
   * Creates a session.
   *
   * @param user the user it signs in
   * @param tokenHash the hash of the new token
   * @param expiresAt when it expires, after now
   * @return a {@code Mono} that emits the stored session; signals {@link InvalidArgumentException}
   *     when the user does not exist, or {@link ConflictException} when the hash is already stored
   */
  Mono<Session> create(UserId user, TokenHash tokenHash, Instant expiresAt);

  /**
   * Finds the valid session of a token.
   *
   * @param tokenHash the token's hash
   * @return a {@code Mono} that emits the session, or completes empty when there is none, it was
   *     revoked, or it has expired
   */
  Mono<Session> findByTokenHash(TokenHash tokenHash);

  /**
   * Records a use of a session and moves its expiry.
   *
   * @param id the session
   * @param expiresAt the new expiry
   * @return a {@code Mono} that emits the updated session; signals {@link NotFoundException} when
   *     it does not exist or has expired
   */
  Mono<Session> touch(SessionId id, Instant expiresAt);

  /**
   * Revokes (deletes) a session. Revoking a missing session changes nothing.
   *
   * @param id the session
   * @return a {@code Mono} that completes once committed
   */
  Mono<Void> revoke(SessionId id);

  /**
   * Revokes every session of a user.
   *
   * @param user the user
   * @return a {@code Mono} that emits how many sessions were revoked
   */
  Mono<Long> revokeAll(UserId user);

  /**
   * Deletes the sessions that have expired at an instant, and only those.
   *
   * @param now the instant; sessions with {@code expiresAt <= now} are deleted
   * @return a {@code Mono} that emits how many were deleted
   */
  Mono<Long> deleteExpired(Instant now);
}
