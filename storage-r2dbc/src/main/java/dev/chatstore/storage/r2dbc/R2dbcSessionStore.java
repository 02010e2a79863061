package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** {@link SessionStore} over R2DBC; "now" is the storage's clock. Thread-safe. */
public final class R2dbcSessionStore implements SessionStore {

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final String touchReturning;

  R2dbcSessionStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.touchReturning =
        db.dialect().returning(R2dbcSql.TOUCH_VALID_SESSION, R2dbcSql.SESSION_COLUMNS);
  }

  @Override
  public Mono<Session> create(UserId user, TokenHash tokenHash, Instant expiresAt) {
    Checks.notNull(user, "user");
    Checks.notNull(tokenHash, "tokenHash");
    Checks.notNull(expiresAt, "expiresAt");
    return Mono.defer(
        () -> {
          Instant now = R2dbcStorage.now(clock);
          Instant expires = Checks.micros(expiresAt);
          if (!expires.isAfter(now)) {
            return Mono.error(
                new IllegalArgumentException("expiresAt must be after now, got " + expiresAt));
          }
          Session session = new Session(SessionId.generate(), user, tokenHash, now, now, expires);
          return db.write(
                  "SessionStore.create",
                  R2dbcSql.INSERT_SESSION,
                  session.id().value(),
                  user.value(),
                  tokenHash.hex(),
                  now,
                  expires)
              .thenReturn(session);
        });
  }

  @Override
  public Mono<Session> findByTokenHash(TokenHash tokenHash) {
    Checks.notNull(tokenHash, "tokenHash");
    return Mono.defer(
        () ->
            db.read(
                    "SessionStore.findByTokenHash",
                    R2dbcSql.SELECT_VALID_SESSION_BY_TOKEN_HASH,
                    2,
                    rows::session,
                    tokenHash.hex(),
                    R2dbcStorage.now(clock))
                .next());
  }

  @Override
  public Mono<Session> touch(SessionId id, Instant expiresAt) {
    Checks.notNull(id, "id");
    Checks.notNull(expiresAt, "expiresAt");
    String op = "SessionStore.touch";
    return Mono.defer(
        () ->
            db.queryOne(
                    op,
                    touchReturning,
                    rows::session,
                    id.value(),
                    R2dbcStorage.now(clock),
                    Checks.micros(expiresAt))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("no valid session " + id))));
  }

  @Override
  public Mono<Void> revoke(SessionId id) {
    Checks.notNull(id, "id");
    return db.write("SessionStore.revoke", R2dbcSql.DELETE_SESSION, id.value()).then();
  }

  @Override
  public Mono<Long> revokeAll(UserId user) {
    Checks.notNull(user, "user");
    return db.write("SessionStore.revokeAll", R2dbcSql.DELETE_SESSIONS_OF_USER, user.value());
  }

  @Override
  public Mono<Long> deleteExpired(Instant now) {
    Checks.notNull(now, "now");
    return db.write(
        "SessionStore.deleteExpired", R2dbcSql.DELETE_EXPIRED_SESSIONS, Checks.micros(now));
  }
}
