package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractSessionStore;
import dev.chatstore.storage.sqlite.internal.SessionSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** {@link dev.chatstore.storage.SessionStore} on SQLite: the hooks, one statement each. */
public final class SqliteSessionStore extends AbstractSessionStore {

  private final SqlExecutor db;

  SqliteSessionStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Long> insertSession(Session s) {
    return db.write(
        "SessionStore.create",
        w ->
            (long)
                execute(
                    w.connection(),
                    SessionSql.INSERT_IF_USER_EXISTS,
                    s.id(),
                    s.userId(),
                    s.tokenHash(),
                    s.createdAt(),
                    s.lastSeenAt(),
                    s.expiresAt()));
  }

  @Override
  protected Mono<Session> selectValidSession(TokenHash tokenHash, Instant now) {
    return db.read(
        "SessionStore.findByTokenHash",
        c -> one(c, SessionSql.SELECT_VALID, SessionSql::row, tokenHash, now));
  }

  @Override
  protected Mono<Session> updateValidSession(SessionId id, Instant now, Instant expiresAt) {
    return db.write(
        "SessionStore.touch",
        w -> one(w.connection(), SessionSql.TOUCH_VALID, SessionSql::row, now, expiresAt, id));
  }

  @Override
  protected Mono<Long> deleteSession(SessionId id) {
    return db.write(
        "SessionStore.revoke", w -> (long) execute(w.connection(), SessionSql.DELETE, id));
  }

  @Override
  protected Mono<Long> deleteSessionsOf(UserId user) {
    return db.write(
        "SessionStore.revokeAll",
        w -> (long) execute(w.connection(), SessionSql.DELETE_OF_USER, user));
  }

  @Override
  protected Mono<Long> deleteSessionsExpiredAt(Instant now) {
    return db.write(
        "SessionStore.deleteExpired",
        w -> (long) execute(w.connection(), SessionSql.DELETE_EXPIRED, now));
  }
}
