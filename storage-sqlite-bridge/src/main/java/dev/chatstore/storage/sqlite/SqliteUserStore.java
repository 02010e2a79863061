package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserUpdate;
import dev.chatstore.storage.internal.AbstractUserStore;
import dev.chatstore.storage.internal.UpdateOutcome;
import dev.chatstore.storage.sqlite.internal.Columns;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.UserSql;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.UserStore} on SQLite: the hooks. Reads run on the read pool, writes
 * through the group-committing writer (or, inside a transaction, on its connection). Thread-safe.
 */
public final class SqliteUserStore extends AbstractUserStore {

  private final SqlExecutor db;

  SqliteUserStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Void> insertUser(User u) {
    return db.<Void>write(
        "UserStore.create",
        w -> {
          execute(
              w.connection(),
              UserSql.INSERT,
              u.id(),
              u.username(),
              u.displayName(),
              orNull(u.email()),
              orNull(u.publicKey()),
              u.passwordHash().value(),
              u.createdAt());
          return null;
        });
  }

  @Override
  protected Mono<User> selectUser(UserId id) {
    return db.read("UserStore.findById", c -> one(c, UserSql.SELECT_BY_ID, UserSql::row, id));
  }

  @Override
  protected Mono<User> selectUserByUsername(String username) {
    return db.read(
        "UserStore.findByUsername",
        c -> one(c, UserSql.SELECT_BY_USERNAME, UserSql::row, username));
  }

  @Override
  protected Mono<User> selectUserByEmail(String email) {
    return db.read(
        "UserStore.findByEmail", c -> one(c, UserSql.SELECT_BY_EMAIL, UserSql::row, email));
  }

  @Override
  protected Mono<User> selectUserByPublicKey(String publicKey) {
    return db.read(
        "UserStore.findByPublicKey",
        c -> one(c, UserSql.SELECT_BY_PUBLIC_KEY, UserSql::row, publicKey));
  }

  @Override
  protected Mono<UpdateOutcome<User>> updateUserIfVersion(
      UserId id, long expectedVersion, UserUpdate update, Instant now) {
    return db.write(
        "UserStore.update",
        w -> {
          User updated =
              one(
                  w.connection(),
                  UserSql.UPDATE_IF_VERSION,
                  UserSql::row,
                  update.displayName(),
                  orNull(update.email()),
                  orNull(update.publicKey()),
                  update.passwordHash().value(),
                  now,
                  id,
                  expectedVersion);
          return updated != null
              ? UpdateOutcome.updated(updated)
              : UpdateOutcome.notUpdated(
                  one(
                      w.connection(),
                      UserSql.SELECT_VERSION,
                      rs -> Columns.number(rs, "version"),
                      id));
        });
  }

  @Override
  protected Mono<Long> deleteUser(UserId id) {
    return db.write("UserStore.delete", w -> (long) execute(w.connection(), UserSql.DELETE, id));
  }

  @Override
  protected Flux<User> selectUsersAfter(@Nullable String afterUsername, int limit) {
    String after = afterUsername == null ? "" : afterUsername;
    return db.read("UserStore.page", c -> list(c, UserSql.SELECT_AFTER, UserSql::row, after, limit))
        .flatMapIterable(rows -> rows);
  }
}
