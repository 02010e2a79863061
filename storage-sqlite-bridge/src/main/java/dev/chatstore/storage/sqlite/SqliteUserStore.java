package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link UserStore} on SQLite. Reads run on the read pool, writes through the group-committing
 * writer (or, inside a transaction, on its connection). Thread-safe.
 */
public final class SqliteUserStore implements UserStore {

  private final SqlExecutor db;
  private final Clock clock;

  SqliteUserStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<User> create(NewUser user) {
    Checks.notNull(user, "user");
    return db.write(
        "UserStore.create",
        w -> {
          Instant now = SqliteRows.now(clock);
          User stored =
              new User(
                  UserId.generate(),
                  user.username(),
                  user.displayName(),
                  user.email(),
                  user.publicKey(),
                  user.passwordHash(),
                  now,
                  now,
                  1);
          execute(
              w.connection(),
              SqliteSql.INSERT_USER,
              stored.id(),
              stored.username(),
              stored.displayName(),
              orNull(stored.email()),
              orNull(stored.publicKey()),
              stored.passwordHash(),
              now,
              now);
          return stored;
        });
  }

  @Override
  public Mono<User> findById(UserId id) {
    Checks.notNull(id, "id");
    return db.read(
        "UserStore.findById", c -> one(c, SqliteSql.SELECT_USER_BY_ID, SqliteRows::user, id));
  }

  @Override
  public Mono<User> findByUsername(String username) {
    Checks.notNull(username, "username");
    String folded;
    try {
      folded = NewUser.username(username);
    } catch (IllegalArgumentException e) {
      return Mono.empty(); // no user can have an invalid name
    }
    return db.read(
        "UserStore.findByUsername",
        c -> one(c, SqliteSql.SELECT_USER_BY_USERNAME, SqliteRows::user, folded));
  }

  @Override
  public Mono<User> findByEmail(String email) {
    Checks.notNull(email, "email");
    String folded = email.strip().toLowerCase(Locale.ROOT);
    return db.read(
        "UserStore.findByEmail",
        c -> one(c, SqliteSql.SELECT_USER_BY_EMAIL, SqliteRows::user, folded));
  }

  @Override
  public Mono<User> findByPublicKey(String publicKey) {
    Checks.notNull(publicKey, "publicKey");
    return db.read(
        "UserStore.findByPublicKey",
        c -> one(c, SqliteSql.SELECT_USER_BY_PUBLIC_KEY, SqliteRows::user, publicKey));
  }

  @Override
  public Mono<User> update(UserId id, long expectedVersion, UserUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    return db.write(
        "UserStore.update",
        w -> {
          User updated =
              one(
                  w.connection(),
                  SqliteSql.UPDATE_USER_IF_VERSION,
                  SqliteRows::user,
                  update.displayName(),
                  orNull(update.email()),
                  orNull(update.publicKey()),
                  update.passwordHash(),
                  SqliteRows.now(clock),
                  id,
                  expectedVersion);
          if (updated != null) {
            return updated;
          }
          User current = one(w.connection(), SqliteSql.SELECT_USER_BY_ID, SqliteRows::user, id);
          if (current == null) {
            throw new NotFoundException("user " + id + " not found");
          }
          throw new ConflictException(
              ConflictException.Reason.VERSION_MISMATCH,
              "user " + id + " is at version " + current.version() + ", not " + expectedVersion);
        });
  }

  @Override
  public Mono<Void> delete(UserId id) {
    Checks.notNull(id, "id");
    return db.<Void>write(
        "UserStore.delete",
        w -> {
          if (execute(w.connection(), SqliteSql.DELETE_USER, id) == 0) {
            throw new NotFoundException("user " + id + " not found");
          }
          return null;
        });
  }

  @Override
  public Flux<User> page(@Nullable String afterUsername, int limit) {
    Checks.limit(limit);
    String after = afterUsername == null ? "" : afterUsername.toLowerCase(Locale.ROOT);
    return db.read(
            "UserStore.page",
            c -> list(c, SqliteSql.SELECT_USERS_AFTER, SqliteRows::user, after, limit))
        .flatMapIterable(rows -> rows);
  }
}
