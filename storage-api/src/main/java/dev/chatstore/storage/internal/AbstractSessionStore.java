package dev.chatstore.storage.internal;

import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link SessionStore}, written once: argument checks, the record a create stores, the
 * clock, and the errors. A backend implements one hook per unit of work, each a single statement
 * (or a single conditional write) that reports what it changed; it never throws its own texts.
 * Thread-safe when the hooks are.
 */
public abstract class AbstractSessionStore implements SessionStore {

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractSessionStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<Session> create(UserId user, TokenHash tokenHash, Instant expiresAt) {
    Checks.notNull(user, "user");
    Checks.notNull(tokenHash, "tokenHash");
    Instant expiry = Checks.micros(Checks.notNull(expiresAt, "expiresAt"));
    return Mono.defer(
        () -> {
          Instant now = Instants.now(clock);
          if (!expiry.isAfter(now)) {
            return Mono.error(Failures.invalid("expiresAt must be after now, got " + expiry));
          }
          Session session = new Session(SessionId.generate(), user, tokenHash, now, now, expiry);
          return insertSession(session)
              .flatMap(
                  inserted ->
                      inserted == 0
                          ? Mono.error(Failures.missingReference("user", user))
                          : Mono.just(session));
        });
  }

  @Override
  public final Mono<Session> findByTokenHash(TokenHash tokenHash) {
    Checks.notNull(tokenHash, "tokenHash");
    return Mono.defer(() -> selectValidSession(tokenHash, Instants.now(clock)));
  }

  @Override
  public final Mono<Session> touch(SessionId id, Instant expiresAt) {
    Checks.notNull(id, "id");
    Instant expiry = Checks.micros(Checks.notNull(expiresAt, "expiresAt"));
    return Mono.defer(
        () ->
            updateValidSession(id, Instants.now(clock), expiry)
                .switchIfEmpty(Mono.error(() -> Failures.notFound("session", id))));
  }

  @Override
  public final Mono<Void> revoke(SessionId id) {
    Checks.notNull(id, "id");
    return deleteSession(id).then();
  }

  @Override
  public final Mono<Long> revokeAll(UserId user) {
    Checks.notNull(user, "user");
    return deleteSessionsOf(user);
  }

  @Override
  public final Mono<Long> deleteExpired(Instant now) {
    return deleteSessionsExpiredAt(Checks.micros(Checks.notNull(now, "now")));
  }

  /**
   * Inserts a session if its user exists (one conditional insert).
   *
   * @param session the session to store
   * @return a {@code Mono} of the number of rows inserted: 1, or 0 when the user does not exist
   */
  protected abstract Mono<Long> insertSession(Session session);

  /**
   * Reads the unexpired session of a token hash.
   *
   * @param tokenHash the hash
   * @param now the current instant
   * @return a {@code Mono} of the session, empty when there is none or it expired at {@code now}
   */
  protected abstract Mono<Session> selectValidSession(TokenHash tokenHash, Instant now);

  /**
   * Records a use of an unexpired session and sets its expiry (one conditional update).
   *
   * @param id the session
   * @param now the current instant, the new {@code lastSeenAt}
   * @param expiresAt the new expiry
   * @return a {@code Mono} of the updated session, empty when there is none or it expired
   */
  protected abstract Mono<Session> updateValidSession(SessionId id, Instant now, Instant expiresAt);

  /**
   * Deletes a session.
   *
   * @param id the session
   * @return a {@code Mono} of the number of rows deleted
   */
  protected abstract Mono<Long> deleteSession(SessionId id);

  /**
   * Deletes every session of a user.
   *
   * @param user the user
   * @return a {@code Mono} of the number of rows deleted
   */
  protected abstract Mono<Long> deleteSessionsOf(UserId user);

  /**
   * Deletes the sessions that expired at or before an instant.
   *
   * @param now the instant
   * @return a {@code Mono} of the number of rows deleted
   */
  protected abstract Mono<Long> deleteSessionsExpiredAt(Instant now);
}
