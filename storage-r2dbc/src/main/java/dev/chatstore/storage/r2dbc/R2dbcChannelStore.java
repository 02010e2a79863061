package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

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
import dev.chatstore.storage.r2dbc.internal.ChannelSql;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.MembershipSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ChannelStore} over R2DBC: the hooks, each write one transaction.
 * Membership writes take the channel's row lock first, so they are serialised per channel and the
 * last-owner rule holds under concurrency. Thread-safe.
 */
public final class R2dbcChannelStore extends AbstractChannelStore {

  private final Db db;
  private final ChannelSql channels;
  private final MembershipSql members;
  private final String upsertMembership;
  private final String lockChannel;

  R2dbcChannelStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.channels = new ChannelSql(rows);
    this.members = new MembershipSql(rows);
    this.upsertMembership = db.dialect().upsertMembership();
    this.lockChannel = db.dialect().forUpdate(ChannelSql.SELECT_ID);
  }

  @Override
  protected Mono<Boolean> insertChannel(Channel ch, Membership owner) {
    String op = "ChannelStore.create";
    return db.transaction(
            op,
            tx ->
                tx.write(
                        op,
                        ChannelSql.INSERT_IF_CREATOR_EXISTS,
                        ch.id().value(),
                        ch.name(),
                        ch.topic(),
                        ch.kind().name(),
                        ch.visibility().name(),
                        orNull(ch.category(), String.class),
                        ch.createdBy().value(),
                        ch.createdAt())
                    .flatMap(
                        inserted ->
                            inserted == 0
                                ? Mono.just(false)
                                : tx.write(
                                        op,
                                        MembershipSql.INSERT,
                                        owner.channelId().value(),
                                        owner.userId().value(),
                                        owner.role().name(),
                                        owner.joinedAt())
                                    .thenReturn(true)))
        .next();
  }

  @Override
  protected Mono<Channel> selectChannel(ChannelId id) {
    return select(db, "ChannelStore.findById", id);
  }

  @Override
  protected Mono<Channel> selectChannelByName(String name) {
    return db.read("ChannelStore.findByName", ChannelSql.SELECT_BY_NAME, 2, channels::row, name)
        .next();
  }

  @Override
  protected Mono<UpdateOutcome<Channel>> updateChannelIfVersion(
      ChannelId id, long expectedVersion, ChannelUpdate update, Instant now, AuditEntry audit) {
    String op = "ChannelStore.update";
    return db.transaction(
            op,
            tx ->
                tx.write(
                        op,
                        ChannelSql.UPDATE_IF_VERSION,
                        id.value(),
                        expectedVersion,
                        update.name(),
                        update.topic(),
                        update.visibility().name(),
                        orNull(update.category(), String.class),
                        now)
                    .flatMap(
                        changed ->
                            changed == 0
                                ? tx.read(
                                        op,
                                        ChannelSql.SELECT_VERSION,
                                        2,
                                        Rows::firstLong,
                                        id.value())
                                    .next()
                                    .map(UpdateOutcome::<Channel>stale)
                                    .defaultIfEmpty(UpdateOutcome.missing())
                                : R2dbcAuditStore.append(tx, op, audit)
                                    .then(select(tx, op, id))
                                    .map(UpdateOutcome::updated)))
        .next();
  }

  @Override
  protected Mono<Channel> updateArchived(
      ChannelId id, boolean archived, Instant now, AuditEntry audit) {
    String op = archived ? "ChannelStore.archive" : "ChannelStore.unarchive";
    return db.transaction(
            op,
            tx ->
                tx.write(op, ChannelSql.UPDATE_ARCHIVED, id.value(), archived, now)
                    .flatMap(
                        changed ->
                            changed == 0
                                // already so, or no channel: nothing to audit
                                ? Mono.<Void>empty()
                                : R2dbcAuditStore.append(tx, op, audit))
                    .then(select(tx, op, id)))
        .next();
  }

  @Override
  protected Mono<Long> deleteChannel(ChannelId id) {
    return db.write("ChannelStore.delete", ChannelSql.DELETE, id.value());
  }

  @Override
  protected Flux<Channel> selectChannelsAfter(@Nullable String afterName, int limit) {
    String op = "ChannelStore.page";
    return afterName == null
        ? db.read(op, ChannelSql.SELECT_FIRST_PAGE, limit + 1, channels::row, limit)
        : db.read(op, ChannelSql.SELECT_PAGE_AFTER, limit + 1, channels::row, afterName, limit);
  }

  @Override
  protected Mono<MemberWrite> upsertMember(
      ChannelId channel, UserId user, Role role, Instant now, @Nullable UserId actor) {
    String op = "ChannelStore.putMember";
    return db.transaction(
            op,
            tx ->
                lockedState(tx, op, channel, user)
                    .flatMap(
                        state -> {
                          MemberWrite.Outcome refused = ChannelRules.refusePut(state, role);
                          if (refused != null) {
                            return Mono.just(MemberWrite.refused(refused));
                          }
                          AuditEntry audit =
                              ChannelRules.putAudit(channel, user, state.role(), role, actor, now);
                          return tx.write(
                                  op,
                                  upsertMembership,
                                  channel.value(),
                                  user.value(),
                                  role.name(),
                                  now)
                              .then(
                                  audit == null
                                      ? Mono.<Void>empty()
                                      : R2dbcAuditStore.append(tx, op, audit))
                              .then(member(tx, op, channel, user))
                              .map(MemberWrite::written);
                        }))
        .next();
  }

  @Override
  protected Mono<Membership> selectMember(ChannelId channel, UserId user) {
    return member(db, "ChannelStore.findMember", channel, user);
  }

  @Override
  protected Mono<MemberWrite> deleteMember(
      ChannelId channel, UserId user, Instant now, @Nullable UserId actor) {
    String op = "ChannelStore.removeMember";
    return db.transaction(
            op,
            tx ->
                lockedState(tx, op, channel, user)
                    .flatMap(
                        state -> {
                          MemberWrite.Outcome refused = ChannelRules.refuseRemove(state);
                          if (refused != null) {
                            return Mono.just(MemberWrite.refused(refused));
                          }
                          Role held = Objects.requireNonNull(state.role(), "role");
                          return tx.write(op, MembershipSql.DELETE, channel.value(), user.value())
                              .then(
                                  R2dbcAuditStore.append(
                                      tx,
                                      op,
                                      ChannelRules.removeAudit(channel, user, held, actor, now)))
                              .thenReturn(MemberWrite.removed());
                        }))
        .next();
  }

  @Override
  protected Flux<Membership> selectMembersAfter(
      ChannelId channel, @Nullable UserId afterUser, int limit) {
    String op = "ChannelStore.pageMembers";
    return afterUser == null
        ? db.read(
            op,
            MembershipSql.SELECT_MEMBERS_FIRST_PAGE,
            limit + 1,
            members::row,
            channel.value(),
            limit)
        : db.read(
            op,
            MembershipSql.SELECT_MEMBERS_PAGE_AFTER,
            limit + 1,
            members::row,
            channel.value(),
            afterUser.value(),
            limit);
  }

  @Override
  protected Flux<Membership> selectMembershipsAfter(
      UserId user, @Nullable ChannelId afterChannel, int limit) {
    String op = "ChannelStore.pageMemberships";
    return afterChannel == null
        ? db.read(
            op,
            MembershipSql.SELECT_MEMBERSHIPS_FIRST_PAGE,
            limit + 1,
            members::row,
            user.value(),
            limit)
        : db.read(
            op,
            MembershipSql.SELECT_MEMBERSHIPS_PAGE_AFTER,
            limit + 1,
            members::row,
            user.value(),
            afterChannel.value(),
            limit);
  }

  /**
   * Takes the channel's row lock (held to the end of the transaction; nothing when there is no such
   * channel), then reads what the membership write decides on.
   */
  private Mono<MemberState> lockedState(Db tx, String op, ChannelId channel, UserId user) {
    return tx.read(op, lockChannel, 2, row -> 1L, channel.value())
        .then(
            tx.read(
                    op,
                    MembershipSql.SELECT_STATE,
                    2,
                    MembershipSql::state,
                    channel.value(),
                    user.value(),
                    Role.OWNER.name())
                .next());
  }

  private Mono<Channel> select(Db executor, String op, ChannelId id) {
    return executor.read(op, ChannelSql.SELECT_BY_ID, 2, channels::row, id.value()).next();
  }

  private Mono<Membership> member(Db executor, String op, ChannelId channel, UserId user) {
    return executor
        .read(op, MembershipSql.SELECT, 2, members::row, channel.value(), user.value())
        .next();
  }
}
