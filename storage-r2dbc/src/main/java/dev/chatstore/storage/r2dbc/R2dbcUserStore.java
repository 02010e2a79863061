package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.UserUpdate;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link UserStore} over R2DBC. Thread-safe. */
public final class R2dbcUserStore implements UserStore {

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final String updateReturning;

  R2dbcUserStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.updateReturning =
        db.dialect().returning(R2dbcSql.UPDATE_USER_IF_VERSION, R2dbcSql.USER_COLUMNS);
  }

  @Override
  public Mono<User> create(NewUser user) {
    Checks.notNull(user, "user");
    return Mono.defer(
        () -> {
          Instant now = R2dbcStorage.now(clock);
          User created =
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
          return db.write(
                  "UserStore.create",
                  R2dbcSql.INSERT_USER,
                  created.id().value(),
                  created.username(),
                  created.displayName(),
                  orNull(created.email(), String.class),
                  orNull(created.publicKey(), String.class),
                  created.passwordHash(),
                  now)
              .thenReturn(created);
        });
  }

  @Override
  public Mono<User> findById(UserId id) {
    Checks.notNull(id, "id");
    return db.read("UserStore.findById", R2dbcSql.SELECT_USER_BY_ID, 2, rows::user, id.value())
        .next();
  }

  @Override
  public Mono<User> findByUsername(String username) {
    Checks.notNull(username, "username");
    String folded;
    try {
      folded = NewUser.username(username);
    } catch (IllegalArgumentException e) {
      return Mono.empty();
    }
    return db.read(
            "UserStore.findByUsername", R2dbcSql.SELECT_USER_BY_USERNAME, 2, rows::user, folded)
        .next();
  }

  @Override
  public Mono<User> findByEmail(String email) {
    Checks.notNull(email, "email");
    String folded = email.strip().toLowerCase(Locale.ROOT);
    return db.read("UserStore.findByEmail", R2dbcSql.SELECT_USER_BY_EMAIL, 2, rows::user, folded)
        .next();
  }

  @Override
  public Mono<User> findByPublicKey(String publicKey) {
    Checks.notNull(publicKey, "publicKey");
    return db.read(
            "UserStore.findByPublicKey",
            R2dbcSql.SELECT_USER_BY_PUBLIC_KEY,
            2,
            rows::user,
            publicKey)
        .next();
  }

  @Override
  public Mono<User> update(UserId id, long expectedVersion, UserUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    String op = "UserStore.update";
    return db.transaction(
            op,
            tx ->
                tx.queryOne(
                        op,
                        updateReturning,
                        rows::user,
                        id.value(),
                        expectedVersion,
                        update.displayName(),
                        orNull(update.email(), String.class),
                        orNull(update.publicKey(), String.class),
                        update.passwordHash(),
                        R2dbcStorage.now(clock))
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                tx.read(
                                        op,
                                        R2dbcSql.SELECT_USER_VERSION,
                                        2,
                                        Rows::firstLong,
                                        id.value())
                                    .next()
                                    .switchIfEmpty(
                                        Mono.error(() -> new NotFoundException("no user " + id)))
                                    .flatMap(
                                        stored ->
                                            Mono.error(
                                                new ConflictException(
                                                    ConflictException.Reason.VERSION_MISMATCH,
                                                    "user "
                                                        + id
                                                        + " is at version "
                                                        + stored
                                                        + ", not "
                                                        + expectedVersion))))))
        .next();
  }

  @Override
  public Mono<Void> delete(UserId id) {
    Checks.notNull(id, "id");
    return R2dbcStorage.one(
        db.write("UserStore.delete", R2dbcSql.DELETE_USER, id.value()), () -> "no user " + id);
  }

  @Override
  public Flux<User> page(@Nullable String afterUsername, int limit) {
    Checks.limit(limit);
    if (afterUsername == null) {
      return db.read(
          "UserStore.page", R2dbcSql.SELECT_USERS_FIRST_PAGE, limit + 1, rows::user, limit);
    }
    return db.read(
        "UserStore.page",
        R2dbcSql.SELECT_USERS_PAGE_AFTER,
        limit + 1,
        rows::user,
        afterUsername.toLowerCase(Locale.ROOT),
        limit);
  }
}
