package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** {@link SessionStore} on SQLite; "now" is the storage's clock. Thread-safe. */
public final class SqliteSessionStore implements SessionStore {

  private final SqlExecutor db;
  private final Clock clock;

  SqliteSessionStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<Session> create(UserId user, TokenHash tokenHash, Instant expiresAt) {
    Checks.notNull(user, "user");
    Checks.notNull(tokenHash, "tokenHash");
    Instant expiry = Checks.micros(Checks.notNull(expiresAt, "expiresAt"));
    return db.write(
        "SessionStore.create",
        w -> {
          if (one(w.connection(), SqliteSql.USER_EXISTS, rs -> 1, user) == null) {
            throw new InvalidArgumentException("user " + user + " does not exist");
          }
          Instant now = SqliteRows.now(clock);
          Session session = new Session(SessionId.generate(), user, tokenHash, now, now, expiry);
          execute(
              w.connection(),
              SqliteSql.INSERT_SESSION,
              session.id(),
              user,
              tokenHash,
              now,
              now,
              expiry);
          return session;
        });
  }

  @Override
  public Mono<Session> findByTokenHash(TokenHash tokenHash) {
    Checks.notNull(tokenHash, "tokenHash");
    return db.read(
        "SessionStore.findByTokenHash",
        c ->
            one(
                c,
                SqliteSql.SELECT_VALID_SESSION,
                SqliteRows::session,
                tokenHash,
                SqliteRows.now(clock)));
  }

  @Override
  public Mono<Session> touch(SessionId id, Instant expiresAt) {
    Checks.notNull(id, "id");
    Instant expiry = Checks.micros(Checks.notNull(expiresAt, "expiresAt"));
    return db.write(
        "SessionStore.touch",
        w -> {
          Instant now = SqliteRows.now(clock);
          Session touched =
              one(
                  w.connection(),
                  SqliteSql.TOUCH_SESSION,
                  SqliteRows::session,
                  now,
                  expiry,
                  id,
                  now);
          if (touched == null) {
            throw new NotFoundException("session " + id + " not found or expired");
          }
          return touched;
        });
  }

  @Override
  public Mono<Void> revoke(SessionId id) {
    Checks.notNull(id, "id");
    return db.<Void>write(
        "SessionStore.revoke",
        w -> {
          execute(w.connection(), SqliteSql.DELETE_SESSION, id);
          return null;
        });
  }

  @Override
  public Mono<Long> revokeAll(UserId user) {
    Checks.notNull(user, "user");
    return db.write(
        "SessionStore.revokeAll",
        w -> (long) execute(w.connection(), SqliteSql.DELETE_USER_SESSIONS, user));
  }

  @Override
  public Mono<Long> deleteExpired(Instant now) {
    Checks.notNull(now, "now");
    return db.write(
        "SessionStore.deleteExpired",
        w -> (long) execute(w.connection(), SqliteSql.DELETE_EXPIRED_SESSIONS, now));
  }
}
