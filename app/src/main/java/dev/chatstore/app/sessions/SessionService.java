package dev.chatstore.app.sessions;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.app.users.Passwords;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Authenticator;
import dev.chatstore.app.web.Caller;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Logins and bearer tokens. A token is 256 random bits (base64url, 43 characters); only its SHA-256
 * hash is stored. A session lasts {@code chatstore.session-ttl}; a use after half of it has passed
 * moves its expiry forward by a full TTL (so an active client stays signed in, with one write per
 * half TTL rather than per request).
 *
 * @param storage the storage
 * @param passwords the password hasher
 * @param clock the clock
 * @param properties the settings (the session TTL)
 */
@Service
public record SessionService(
    Storage storage, Passwords passwords, Clock clock, ChatstoreProperties properties)
    implements Authenticator {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new login.
   *
   * @param token the bearer token, shown once
   * @param session the stored session
   * @param user the user
   */
  public record Login(String token, Session session, User user) {}

  /**
   * Checks a password and opens a session.
   *
   * @param username the username
   * @param password the password
   * @return a {@code Mono} of the login; signals a 401 when the username or password is wrong
   */
  public Mono<Login> login(String username, String password) {
    Mono<@Nullable User> user;
    try {
      user = storage.users().findByUsername(NewUser.username(username));
    } catch (IllegalArgumentException e) {
      user = Mono.empty();
    }
    return user.map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMap(
            found ->
                passwords
                    .matches(password, found.map(User::passwordHash).orElse(null))
                    .flatMap(
                        ok -> {
                          if (!ok || found.isEmpty()) {
                            return Mono.error(
                                ApiException.unauthorized("wrong username or password"));
                          }
                          String token = newToken();
                          Instant expiresAt = now().plus(properties.sessionTtl());
                          return storage
                              .sessions()
                              .create(found.get().id(), TokenHash.of(token), expiresAt)
                              .map(session -> new Login(token, session, found.get()));
                        }));
  }

  /**
   * Revokes a session.
   *
   * @param caller the signed-in caller
   * @return a {@code Mono} that completes once revoked
   */
  public Mono<Void> logout(Caller caller) {
    return storage.sessions().revoke(caller.sessionId());
  }

  @Override
  public Mono<Caller> authenticate(@Nullable String authorization) {
    if (authorization == null) {
      return Mono.error(ApiException.unauthorized("sign in: Authorization: Bearer <token>"));
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Mono.error(ApiException.unauthorized("the Authorization scheme must be Bearer"));
    }
    String token = authorization.substring(7).strip();
    if (!TOKEN.matcher(token).matches()) {
      return Mono.error(ApiException.unauthorized("invalid, expired or revoked token"));
    }
    return storage
        .sessions()
        .findByTokenHash(TokenHash.of(token))
        .filter(session -> !session.expiredAt(now()))
        .switchIfEmpty(
            Mono.error(() -> ApiException.unauthorized("invalid, expired or revoked token")))
        .flatMap(this::extendIfHalfUsed)
        .map(session -> new Caller(session.userId(), session.id()));
  }

  private Mono<Session> extendIfHalfUsed(Session session) {
    Instant now = now();
    if (session.expiresAt().isAfter(now.plus(properties.sessionTtl().dividedBy(2)))) {
      return Mono.just(session);
    }
    return storage
        .sessions()
        .touch(session.id(), now.plus(properties.sessionTtl()))
        .onErrorResume(
            dev.chatstore.storage.NotFoundException.class,
            e -> Mono.error(ApiException.unauthorized("invalid, expired or revoked token")));
  }

  /**
   * Deletes the sessions that have expired.
   *
   * @return a {@code Mono} of how many were deleted
   */
  public Mono<Long> deleteExpired() {
    return storage.sessions().deleteExpired(now());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
