package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractSessionStore;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.SessionSql;
import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** {@link dev.chatstore.storage.SessionStore} over R2DBC: the hooks, one statement each. */
public final class R2dbcSessionStore extends AbstractSessionStore {

  private final Db db;
  private final SessionSql sql;
  private final String touchReturning;

  R2dbcSessionStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.sql = new SessionSql(rows);
    this.touchReturning = db.dialect().returning(SessionSql.TOUCH_VALID, SessionSql.COLUMNS);
  }

  @Override
  protected Mono<Long> insertSession(Session s) {
    return db.write(
        "SessionStore.create",
        SessionSql.INSERT_IF_USER_EXISTS,
        s.id().value(),
        s.userId().value(),
        s.tokenHash().hex(),
        s.createdAt(),
        s.expiresAt());
  }

  @Override
  protected Mono<Session> selectValidSession(TokenHash tokenHash, Instant now) {
    return db.read(
            "SessionStore.findByTokenHash",
            SessionSql.SELECT_VALID,
            2,
            sql::row,
            tokenHash.hex(),
            now)
        .next();
  }

  @Override
  protected Mono<Session> updateValidSession(SessionId id, Instant now, Instant expiresAt) {
    return db.queryOne("SessionStore.touch", touchReturning, sql::row, id.value(), now, expiresAt);
  }

  @Override
  protected Mono<Long> deleteSession(SessionId id) {
    return db.write("SessionStore.revoke", SessionSql.DELETE, id.value());
  }

  @Override
  protected Mono<Long> deleteSessionsOf(UserId user) {
    return db.write("SessionStore.revokeAll", SessionSql.DELETE_OF_USER, user.value());
  }

  @Override
  protected Mono<Long> deleteSessionsExpiredAt(Instant now) {
    return db.write("SessionStore.deleteExpired", SessionSql.DELETE_EXPIRED, now);
  }
}
