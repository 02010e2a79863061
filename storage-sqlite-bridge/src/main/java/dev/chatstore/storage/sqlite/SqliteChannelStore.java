package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractChannelStore;
import dev.chatstore.storage.internal.ChannelRules;
import dev.chatstore.storage.internal.MemberState;
import dev.chatstore.storage.internal.MemberWrite;
import dev.chatstore.storage.internal.UpdateOutcome;
import dev.chatstore.storage.sqlite.internal.ChannelSql;
import dev.chatstore.storage.sqlite.internal.Columns;
import dev.chatstore.storage.sqlite.internal.MembershipSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ChannelStore} on SQLite: the hooks, each write one closure on the
 * single writer, which also makes every membership write atomic against the others (the last-owner
 * rule needs no lock here). Thread-safe.
 */
public final class SqliteChannelStore extends AbstractChannelStore {

  private final SqlExecutor db;

  SqliteChannelStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Boolean> insertChannel(Channel ch, Membership owner) {
    return db.write(
        "ChannelStore.create",
        w -> {
          int inserted =
              execute(
                  w.connection(),
                  ChannelSql.INSERT_IF_CREATOR_EXISTS,
                  ch.id(),
                  ch.name(),
                  ch.topic(),
                  ch.kind(),
                  ch.visibility(),
                  orNull(ch.category()),
                  ch.createdBy(),
                  ch.createdAt());
          if (inserted == 0) {
            return false;
          }
          upsert(w.connection(), owner.channelId(), owner.userId(), owner.role(), owner.joinedAt());
          return true;
        });
  }

  @Override
  protected Mono<Channel> selectChannel(ChannelId id) {
    return db.read(
        "ChannelStore.findById", c -> one(c, ChannelSql.SELECT_BY_ID, ChannelSql::row, id));
  }

  @Override
  protected Mono<Channel> selectChannelByName(String name) {
    return db.read(
        "ChannelStore.findByName", c -> one(c, ChannelSql.SELECT_BY_NAME, ChannelSql::row, name));
  }

  @Override
  protected Mono<UpdateOutcome<Channel>> updateChannelIfVersion(
      ChannelId id, long expectedVersion, ChannelUpdate update, Instant now, AuditEntry audit) {
    return db.write(
        "ChannelStore.update",
        w -> {
          Channel updated =
              one(
                  w.connection(),
                  ChannelSql.UPDATE_IF_VERSION,
                  ChannelSql::row,
                  update.name(),
                  update.topic(),
                  update.visibility(),
                  orNull(update.category()),
                  now,
                  id,
                  expectedVersion);
          if (updated == null) {
            return UpdateOutcome.notUpdated(
                one(
                    w.connection(),
                    ChannelSql.SELECT_VERSION,
                    rs -> Columns.number(rs, "version"),
                    id));
          }
          SqliteAuditStore.append(w.connection(), audit);
          return UpdateOutcome.updated(updated);
        });
  }

  @Override
  protected Mono<Channel> updateArchived(
      ChannelId id, boolean archived, Instant now, AuditEntry audit) {
    return db.write(
        archived ? "ChannelStore.archive" : "ChannelStore.unarchive",
        w -> {
          Channel changed =
              one(w.connection(), ChannelSql.UPDATE_ARCHIVED, ChannelSql::row, archived, now, id);
          if (changed == null) {
            // already so, or no channel: nothing to audit
            return one(w.connection(), ChannelSql.SELECT_BY_ID, ChannelSql::row, id);
          }
          SqliteAuditStore.append(w.connection(), audit);
          return changed;
        });
  }

  @Override
  protected Mono<Long> deleteChannel(ChannelId id) {
    return db.write(
        "ChannelStore.delete", w -> (long) execute(w.connection(), ChannelSql.DELETE, id));
  }

  @Override
  protected Flux<Channel> selectChannelsAfter(@Nullable String afterName, int limit) {
    String after = afterName == null ? "" : afterName;
    return db.read(
            "ChannelStore.page",
            c -> list(c, ChannelSql.SELECT_AFTER, ChannelSql::row, after, limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Mono<MemberWrite> upsertMember(
      ChannelId channel, UserId user, Role role, Instant now, @Nullable UserId actor) {
    return db.write(
        "ChannelStore.putMember",
        w -> {
          MemberState state = state(w.connection(), channel, user);
          MemberWrite.Outcome refused = ChannelRules.refusePut(state, role);
          if (refused != null) {
            return MemberWrite.refused(refused);
          }
          Membership after = upsert(w.connection(), channel, user, role, now);
          AuditEntry audit = ChannelRules.putAudit(channel, user, state.role(), role, actor, now);
          if (audit != null) {
            SqliteAuditStore.append(w.connection(), audit);
          }
          return MemberWrite.written(after);
        });
  }

  @Override
  protected Mono<Membership> selectMember(ChannelId channel, UserId user) {
    return db.read(
        "ChannelStore.findMember",
        c -> one(c, MembershipSql.SELECT, MembershipSql::row, channel, user));
  }

  @Override
  protected Mono<MemberWrite> deleteMember(
      ChannelId channel, UserId user, Instant now, @Nullable UserId actor) {
    return db.write(
        "ChannelStore.removeMember",
        w -> {
          MemberState state = state(w.connection(), channel, user);
          MemberWrite.Outcome refused = ChannelRules.refuseRemove(state);
          if (refused != null) {
            return MemberWrite.refused(refused);
          }
          execute(w.connection(), MembershipSql.DELETE, channel, user);
          Role held = Objects.requireNonNull(state.role(), "role");
          SqliteAuditStore.append(
              w.connection(), ChannelRules.removeAudit(channel, user, held, actor, now));
          return MemberWrite.removed();
        });
  }

  @Override
  protected Flux<Membership> selectMembersAfter(
      ChannelId channel, @Nullable UserId afterUser, int limit) {
    String after = afterUser == null ? "" : afterUser.toString();
    return db.read(
            "ChannelStore.pageMembers",
            c ->
                list(
                    c,
                    MembershipSql.SELECT_MEMBERS_AFTER,
                    MembershipSql::row,
                    channel,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Flux<Membership> selectMembershipsAfter(
      UserId user, @Nullable ChannelId afterChannel, int limit) {
    String after = afterChannel == null ? "" : afterChannel.toString();
    return db.read(
            "ChannelStore.pageMemberships",
            c ->
                list(
                    c,
                    MembershipSql.SELECT_MEMBERSHIPS_AFTER,
                    MembershipSql::row,
                    user,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  private static MemberState state(Connection c, ChannelId channel, UserId user)
      throws SQLException {
    return Objects.requireNonNull(
        one(c, MembershipSql.SELECT_STATE, MembershipSql::state, channel, user, Role.OWNER));
  }

  private static Membership upsert(
      Connection c, ChannelId channel, UserId user, Role role, Instant joinedAt)
      throws SQLException {
    return Objects.requireNonNull(
        one(c, MembershipSql.UPSERT, MembershipSql::row, channel, user, role, joinedAt));
  }
}
