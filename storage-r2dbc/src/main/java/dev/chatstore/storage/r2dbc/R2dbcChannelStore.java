package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChannelStore} over R2DBC. Membership and role changes, updates and (un)archiving write
 * their audit entry in their own transaction, naming the {@link Actor} of the subscription.
 * Thread-safe.
 */
public final class R2dbcChannelStore implements ChannelStore {

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final String upsertMembership;
  private final String lockMembership;

  R2dbcChannelStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.upsertMembership = db.dialect().upsertMembership();
    this.lockMembership = db.dialect().forUpdate(R2dbcSql.SELECT_MEMBERSHIP);
  }

  @Override
  public Mono<Channel> create(NewChannel channel) {
    Checks.notNull(channel, "channel");
    String op = "ChannelStore.create";
    return db.transaction(
            op,
            tx -> {
              Instant now = R2dbcStorage.now(clock);
              Channel created =
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
                      1,
                      null);
              return tx.write(
                      op,
                      R2dbcSql.INSERT_CHANNEL,
                      created.id().value(),
                      created.name(),
                      created.topic(),
                      created.kind().name(),
                      created.visibility().name(),
                      orNull(created.category(), String.class),
                      created.createdBy().value(),
                      now)
                  .then(
                      tx.write(
                          op,
                          R2dbcSql.INSERT_MEMBERSHIP,
                          created.id().value(),
                          created.createdBy().value(),
                          Role.OWNER.name(),
                          now))
                  .thenReturn(created);
            })
        .next();
  }

  @Override
  public Mono<Channel> findById(ChannelId id) {
    Checks.notNull(id, "id");
    return db.read(
            "ChannelStore.findById", R2dbcSql.SELECT_CHANNEL_BY_ID, 2, rows::channel, id.value())
        .next();
  }

  @Override
  public Mono<Channel> findByName(String name) {
    Checks.notNull(name, "name");
    return db.read(
            "ChannelStore.findByName",
            R2dbcSql.SELECT_CHANNEL_BY_NAME,
            2,
            rows::channel,
            name.toLowerCase(Locale.ROOT))
        .next();
  }

  @Override
  public Mono<Channel> update(ChannelId id, long expectedVersion, ChannelUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    String op = "ChannelStore.update";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx -> {
                      Instant now = R2dbcStorage.now(clock);
                      return tx.write(
                              op,
                              R2dbcSql.UPDATE_CHANNEL_IF_VERSION,
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
                                      ? versionMismatch(tx, op, id, expectedVersion)
                                      : R2dbcAuditStore.append(
                                              tx,
                                              op,
                                              now,
                                              id,
                                              Actor.from(ctx).orElse(null),
                                              AuditAction.CHANNEL_UPDATED,
                                              null,
                                              null,
                                              "name=" + update.name())
                                          .then(select(tx, op, id)));
                    })
                .next());
  }

  private Mono<Channel> versionMismatch(Db tx, String op, ChannelId id, long expectedVersion) {
    return tx.read(op, R2dbcSql.SELECT_CHANNEL_VERSION, 2, Rows::firstLong, id.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + id)))
        .flatMap(
            stored ->
                Mono.error(
                    new ConflictException(
                        ConflictException.Reason.VERSION_MISMATCH,
                        "channel "
                            + id
                            + " is at version "
                            + stored
                            + ", not "
                            + expectedVersion)));
  }

  private Mono<Channel> select(Db tx, String op, ChannelId id) {
    return tx.read(op, R2dbcSql.SELECT_CHANNEL_BY_ID, 2, rows::channel, id.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + id)));
  }

  @Override
  public Mono<Channel> archive(ChannelId id) {
    return setArchived(id, true, "ChannelStore.archive");
  }

  @Override
  public Mono<Channel> unarchive(ChannelId id) {
    return setArchived(id, false, "ChannelStore.unarchive");
  }

  private Mono<Channel> setArchived(ChannelId id, boolean archived, String op) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx -> {
                      Instant now = R2dbcStorage.now(clock);
                      return tx.write(
                              op, R2dbcSql.UPDATE_CHANNEL_ARCHIVED, id.value(), archived, now)
                          .flatMap(
                              changed ->
                                  changed == 0
                                      // already so, or no channel: nothing to audit
                                      ? Mono.empty()
                                      : R2dbcAuditStore.append(
                                          tx,
                                          op,
                                          now,
                                          id,
                                          Actor.from(ctx).orElse(null),
                                          archived
                                              ? AuditAction.CHANNEL_ARCHIVED
                                              : AuditAction.CHANNEL_UNARCHIVED,
                                          null,
                                          null,
                                          ""))
                          .then(select(tx, op, id));
                    })
                .next());
  }

  @Override
  public Mono<Void> delete(ChannelId id) {
    Checks.notNull(id, "id");
    return R2dbcStorage.one(
        db.write("ChannelStore.delete", R2dbcSql.DELETE_CHANNEL, id.value()),
        () -> "no channel " + id);
  }

  @Override
  public Flux<Channel> page(@Nullable String afterName, int limit) {
    Checks.limit(limit);
    if (afterName == null) {
      return db.read(
          "ChannelStore.page",
          R2dbcSql.SELECT_CHANNELS_FIRST_PAGE,
          limit + 1,
          rows::channel,
          limit);
    }
    return db.read(
        "ChannelStore.page",
        R2dbcSql.SELECT_CHANNELS_PAGE_AFTER,
        limit + 1,
        rows::channel,
        afterName.toLowerCase(Locale.ROOT),
        limit);
  }

  @Override
  public Mono<Membership> putMember(ChannelId channel, UserId user, Role role) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNull(role, "role");
    String op = "ChannelStore.putMember";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx ->
                        tx.read(op, R2dbcSql.CHANNEL_EXISTS, 2, Rows::firstLong, channel.value())
                            .next()
                            .switchIfEmpty(
                                Mono.error(() -> new NotFoundException("no channel " + channel)))
                            .then(
                                tx.queryOne(
                                        op,
                                        lockMembership,
                                        rows::membership,
                                        channel.value(),
                                        user.value())
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty()))
                            .flatMap(
                                before -> {
                                  Instant now = R2dbcStorage.now(clock);
                                  Mono<Void> audit =
                                      before.isPresent() && before.get().role() == role
                                          ? Mono.empty()
                                          : R2dbcAuditStore.append(
                                              tx,
                                              op,
                                              now,
                                              channel,
                                              Actor.from(ctx).orElse(null),
                                              before.isEmpty()
                                                  ? AuditAction.MEMBER_ADDED
                                                  : AuditAction.MEMBER_ROLE_CHANGED,
                                              user,
                                              null,
                                              "role=" + role.name());
                                  return tx.write(
                                          op,
                                          upsertMembership,
                                          channel.value(),
                                          user.value(),
                                          role.name(),
                                          now)
                                      .then(audit);
                                })
                            .then(
                                tx.read(
                                        op,
                                        R2dbcSql.SELECT_MEMBERSHIP,
                                        2,
                                        rows::membership,
                                        channel.value(),
                                        user.value())
                                    .next()))
                .next());
  }

  @Override
  public Mono<Membership> findMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return db.read(
            "ChannelStore.findMember",
            R2dbcSql.SELECT_MEMBERSHIP,
            2,
            rows::membership,
            channel.value(),
            user.value())
        .next();
  }

  @Override
  public Mono<Void> removeMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    String op = "ChannelStore.removeMember";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx ->
                        tx.queryOne(
                                op, lockMembership, rows::membership, channel.value(), user.value())
                            .switchIfEmpty(
                                Mono.error(
                                    () ->
                                        new NotFoundException(
                                            "user "
                                                + user
                                                + " is not a member of channel "
                                                + channel)))
                            .flatMap(
                                before ->
                                    tx.write(
                                            op,
                                            R2dbcSql.DELETE_MEMBERSHIP,
                                            channel.value(),
                                            user.value())
                                        .then(
                                            R2dbcAuditStore.append(
                                                tx,
                                                op,
                                                R2dbcStorage.now(clock),
                                                channel,
                                                Actor.from(ctx).orElse(null),
                                                AuditAction.MEMBER_REMOVED,
                                                user,
                                                null,
                                                "role=" + before.role().name()))))
                .then());
  }

  @Override
  public Flux<Membership> pageMembers(ChannelId channel, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    String op = "ChannelStore.pageMembers";
    if (afterUser == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_MEMBERS_FIRST_PAGE,
          limit + 1,
          rows::membership,
          channel.value(),
          limit);
    }
    return db.read(
        op,
        R2dbcSql.SELECT_MEMBERS_PAGE_AFTER,
        limit + 1,
        rows::membership,
        channel.value(),
        afterUser.value(),
        limit);
  }

  @Override
  public Flux<Membership> pageMemberships(
      UserId user, @Nullable ChannelId afterChannel, int limit) {
    Checks.notNull(user, "user");
    Checks.limit(limit);
    String op = "ChannelStore.pageMemberships";
    if (afterChannel == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_MEMBERSHIPS_FIRST_PAGE,
          limit + 1,
          rows::membership,
          user.value(),
          limit);
    }
    return db.read(
        op,
        R2dbcSql.SELECT_MEMBERSHIPS_PAGE_AFTER,
        limit + 1,
        rows::membership,
        user.value(),
        afterChannel.value(),
        limit);
  }
}
