package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserUpdate;
import dev.chatstore.storage.internal.AbstractUserStore;
import dev.chatstore.storage.internal.UpdateOutcome;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.UserSql;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link dev.chatstore.storage.UserStore} over R2DBC: the hooks. Thread-safe. */
public final class R2dbcUserStore extends AbstractUserStore {

  private final Db db;
  private final UserSql sql;
  private final String updateReturning;

  R2dbcUserStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.sql = new UserSql(rows);
    this.updateReturning = db.dialect().returning(UserSql.UPDATE_IF_VERSION, UserSql.COLUMNS);
  }

  @Override
  protected Mono<Void> insertUser(User u) {
    return db.write(
            "UserStore.create",
            UserSql.INSERT,
            u.id().value(),
            u.username(),
            u.displayName(),
            orNull(u.email(), String.class),
            orNull(u.publicKey(), String.class),
            u.passwordHash().value(),
            u.createdAt())
        .then();
  }

  @Override
  protected Mono<User> selectUser(UserId id) {
    return read("UserStore.findById", UserSql.SELECT_BY_ID, id.value());
  }

  @Override
  protected Mono<User> selectUserByUsername(String username) {
    return read("UserStore.findByUsername", UserSql.SELECT_BY_USERNAME, username);
  }

  @Override
  protected Mono<User> selectUserByEmail(String email) {
    return read("UserStore.findByEmail", UserSql.SELECT_BY_EMAIL, email);
  }

  @Override
  protected Mono<User> selectUserByPublicKey(String publicKey) {
    return read("UserStore.findByPublicKey", UserSql.SELECT_BY_PUBLIC_KEY, publicKey);
  }

  @Override
  protected Mono<UpdateOutcome<User>> updateUserIfVersion(
      UserId id, long expectedVersion, UserUpdate update, Instant now) {
    String op = "UserStore.update";
    return db.transaction(
            op,
            tx ->
                tx.queryOne(
                        op,
                        updateReturning,
                        sql::row,
                        id.value(),
                        expectedVersion,
                        update.displayName(),
                        orNull(update.email(), String.class),
                        orNull(update.publicKey(), String.class),
                        update.passwordHash().value(),
                        now)
                    .map(UpdateOutcome::updated)
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                tx.read(op, UserSql.SELECT_VERSION, 2, Rows::firstLong, id.value())
                                    .next()
                                    .map(UpdateOutcome::<User>stale)
                                    .defaultIfEmpty(UpdateOutcome.missing()))))
        .next();
  }

  @Override
  protected Mono<Long> deleteUser(UserId id) {
    return db.write("UserStore.delete", UserSql.DELETE, id.value());
  }

  @Override
  protected Flux<User> selectUsersAfter(@Nullable String afterUsername, int limit) {
    String op = "UserStore.page";
    return afterUsername == null
        ? db.read(op, UserSql.SELECT_FIRST_PAGE, limit + 1, sql::row, limit)
        : db.read(op, UserSql.SELECT_PAGE_AFTER, limit + 1, sql::row, afterUsername, limit);
  }

  private Mono<User> read(String op, String select, Object key) {
    return db.read(op, select, 2, sql::row, key).next();
  }
}
