package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import dev.chatstore.storage.sqlite.internal.WriteContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChannelStore} on SQLite. Creating a channel inserts it and its creator's {@link
 * Role#OWNER} membership in one write. Thread-safe.
 */
public final class SqliteChannelStore implements ChannelStore {

  private final SqlExecutor db;
  private final Clock clock;

  SqliteChannelStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<Channel> create(NewChannel channel) {
    Checks.notNull(channel, "channel");
    return db.write(
        "ChannelStore.create",
        w -> {
          Instant now = SqliteRows.now(clock);
          Channel stored =
              new Channel(
                  ChannelId.generate(),
                  channel.name(),
                  channel.topic(),
                  channel.kind(),
                  channel.visibility(),
                  channel.category(),
                  channel.createdBy(),
                  false,
                  0,
                  now,
                  now,
                  1);
          execute(
              w.connection(),
              SqliteSql.INSERT_CHANNEL,
              stored.id(),
              stored.name(),
              stored.topic(),
              stored.kind(),
              stored.visibility(),
              orNull(stored.category()),
              stored.createdBy(),
              now,
              now);
          if (one(w.connection(), SqliteSql.USER_EXISTS, rs -> 1, channel.createdBy()) == null) {
            throw new InvalidArgumentException(
                "the creator " + channel.createdBy() + " does not exist");
          }
          one(
              w.connection(),
              SqliteSql.UPSERT_MEMBER,
              SqliteRows::membership,
              stored.id(),
              stored.createdBy(),
              Role.OWNER,
              now);
          return stored;
        });
  }

  @Override
  public Mono<Channel> findById(ChannelId id) {
    Checks.notNull(id, "id");
    return db.read(
        "ChannelStore.findById",
        c -> one(c, SqliteSql.SELECT_CHANNEL_BY_ID, SqliteRows::channel, id));
  }

  @Override
  public Mono<Channel> findByName(String name) {
    Checks.notNull(name, "name");
    String folded;
    try {
      folded = NewChannel.name(name);
    } catch (IllegalArgumentException e) {
      return Mono.empty(); // no channel can have an invalid name
    }
    return db.read(
        "ChannelStore.findByName",
        c -> one(c, SqliteSql.SELECT_CHANNEL_BY_NAME, SqliteRows::channel, folded));
  }

  @Override
  public Mono<Channel> update(ChannelId id, long expectedVersion, ChannelUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              "ChannelStore.update",
              w -> {
                Instant now = SqliteRows.now(clock);
                Channel updated =
                    one(
                        w.connection(),
                        SqliteSql.UPDATE_CHANNEL_IF_VERSION,
                        SqliteRows::channel,
                        update.name(),
                        update.topic(),
                        update.visibility(),
                        orNull(update.category()),
                        now,
                        id,
                        expectedVersion);
                if (updated != null) {
                  SqliteAuditStore.append(
                      w.connection(),
                      now,
                      id,
                      actor,
                      AuditAction.CHANNEL_UPDATED,
                      null,
                      null,
                      "name=" + updated.name());
                  return updated;
                }
                Channel current = require(w, id);
                throw new ConflictException(
                    ConflictException.Reason.VERSION_MISMATCH,
                    "channel "
                        + id
                        + " is at version "
                        + current.version()
                        + ", not "
                        + expectedVersion);
              });
        });
  }

  @Override
  public Mono<Channel> archive(ChannelId id) {
    return setArchived("ChannelStore.archive", id, true);
  }

  @Override
  public Mono<Channel> unarchive(ChannelId id) {
    return setArchived("ChannelStore.unarchive", id, false);
  }

  private Mono<Channel> setArchived(String operation, ChannelId id, boolean archived) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              operation,
              w -> {
                Instant now = SqliteRows.now(clock);
                Channel changed =
                    one(
                        w.connection(),
                        SqliteSql.UPDATE_CHANNEL_ARCHIVED,
                        SqliteRows::channel,
                        archived,
                        now,
                        id,
                        archived);
                if (changed == null) {
                  return require(w, id);
                }
                SqliteAuditStore.append(
                    w.connection(),
                    now,
                    id,
                    actor,
                    archived ? AuditAction.CHANNEL_ARCHIVED : AuditAction.CHANNEL_UNARCHIVED,
                    null,
                    null,
                    "");
                return changed;
              });
        });
  }

  private static Channel require(WriteContext w, ChannelId id) throws SQLException {
    Channel current = one(w.connection(), SqliteSql.SELECT_CHANNEL_BY_ID, SqliteRows::channel, id);
    if (current == null) {
      throw new NotFoundException("channel " + id + " not found");
    }
    return current;
  }

  @Override
  public Mono<Void> delete(ChannelId id) {
    Checks.notNull(id, "id");
    return db.<Void>write(
        "ChannelStore.delete",
        w -> {
          if (execute(w.connection(), SqliteSql.DELETE_CHANNEL, id) == 0) {
            throw new NotFoundException("channel " + id + " not found");
          }
          return null;
        });
  }

  @Override
  public Flux<Channel> page(@Nullable String afterName, int limit) {
    Checks.limit(limit);
    String after = afterName == null ? "" : afterName.toLowerCase(Locale.ROOT);
    return db.read(
            "ChannelStore.page",
            c -> list(c, SqliteSql.SELECT_CHANNELS_AFTER, SqliteRows::channel, after, limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Mono<Membership> putMember(ChannelId channel, UserId user, Role role) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNull(role, "role");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              "ChannelStore.putMember",
              w -> {
                if (one(w.connection(), SqliteSql.CHANNEL_EXISTS, rs -> 1, channel) == null) {
                  throw new NotFoundException("channel " + channel + " not found");
                }
                if (one(w.connection(), SqliteSql.USER_EXISTS, rs -> 1, user) == null) {
                  throw new InvalidArgumentException("user " + user + " does not exist");
                }
                Membership before =
                    one(
                        w.connection(),
                        SqliteSql.SELECT_MEMBER,
                        SqliteRows::membership,
                        channel,
                        user);
                Instant now = SqliteRows.now(clock);
                Membership after =
                    one(
                        w.connection(),
                        SqliteSql.UPSERT_MEMBER,
                        SqliteRows::membership,
                        channel,
                        user,
                        role,
                        now);
                if (before == null || before.role() != role) {
                  SqliteAuditStore.append(
                      w.connection(),
                      now,
                      channel,
                      actor,
                      before == null ? AuditAction.MEMBER_ADDED : AuditAction.MEMBER_ROLE_CHANGED,
                      user,
                      null,
                      "role=" + role);
                }
                return after;
              });
        });
  }

  @Override
  public Mono<Membership> findMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return db.read(
        "ChannelStore.findMember",
        c -> one(c, SqliteSql.SELECT_MEMBER, SqliteRows::membership, channel, user));
  }

  @Override
  public Mono<Void> removeMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.<Void>write(
              "ChannelStore.removeMember",
              w -> {
                Membership before =
                    one(
                        w.connection(),
                        SqliteSql.SELECT_MEMBER,
                        SqliteRows::membership,
                        channel,
                        user);
                if (before == null) {
                  throw new NotFoundException(
                      "user " + user + " is not a member of channel " + channel);
                }
                execute(w.connection(), SqliteSql.DELETE_MEMBER, channel, user);
                SqliteAuditStore.append(
                    w.connection(),
                    SqliteRows.now(clock),
                    channel,
                    actor,
                    AuditAction.MEMBER_REMOVED,
                    user,
                    null,
                    "role=" + before.role());
                return null;
              });
        });
  }

  @Override
  public Flux<Membership> pageMembers(ChannelId channel, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    String after = afterUser == null ? "" : afterUser.toString();
    return db.read(
            "ChannelStore.pageMembers",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_MEMBERS_AFTER,
                    SqliteRows::membership,
                    channel,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Flux<Membership> pageMemberships(
      UserId user, @Nullable ChannelId afterChannel, int limit) {
    Checks.notNull(user, "user");
    Checks.limit(limit);
    String after = afterChannel == null ? "" : afterChannel.toString();
    return db.read(
            "ChannelStore.pageMemberships",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_MEMBERSHIPS_AFTER,
                    SqliteRows::membership,
                    user,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }
}
