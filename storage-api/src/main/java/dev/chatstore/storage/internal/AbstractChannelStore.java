package dev.chatstore.storage.internal;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link ChannelStore}, written once: argument checks, the records a create stores,
 * name folding, version checks, the audit entries, the last-owner rule ({@link ChannelRules}) and
 * the errors. A backend implements one hook per unit of work; hooks are cold (nothing runs before
 * subscription) and report what they found as data, never as texts. Thread-safe when the hooks are.
 */
public abstract class AbstractChannelStore implements ChannelStore {

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractChannelStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<Channel> create(NewChannel channel) {
    Checks.notNull(channel, "channel");
    return Mono.defer(
        () -> {
          Channel created = ChannelRules.created(channel, Instants.now(clock));
          return insertChannel(created, ChannelRules.owner(created))
              .flatMap(
                  inserted ->
                      inserted
                          ? Mono.just(created)
                          : Mono.error(Failures.missingReference("user", channel.createdBy())));
        });
  }

  @Override
  public final Mono<Channel> findById(ChannelId id) {
    Checks.notNull(id, "id");
    return selectChannel(id);
  }

  @Override
  public final Mono<Channel> findByName(String name) {
    return Checks.findByFolded(name, "name", NewChannel::name, this::selectChannelByName);
  }

  @Override
  public final Mono<Channel> update(ChannelId id, long expectedVersion, ChannelUpdate update) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    Checks.notNull(update, "update");
    return withActor(
        (now, actor) ->
            updateChannelIfVersion(
                    id,
                    expectedVersion,
                    update,
                    now,
                    ChannelRules.updateAudit(id, update, actor, now))
                .flatMap(outcome -> outcome.orFailure("channel", id, expectedVersion)));
  }

  @Override
  public final Mono<Channel> archive(ChannelId id) {
    return setArchived(id, true);
  }

  @Override
  public final Mono<Channel> unarchive(ChannelId id) {
    return setArchived(id, false);
  }

  private Mono<Channel> setArchived(ChannelId id, boolean archived) {
    Checks.notNull(id, "id");
    return withActor(
        (now, actor) ->
            updateArchived(id, archived, now, ChannelRules.archiveAudit(id, archived, actor, now))
                .switchIfEmpty(Mono.error(() -> Failures.channelNotFound(id))));
  }

  @Override
  public final Mono<Void> delete(ChannelId id) {
    Checks.notNull(id, "id");
    return deleteChannel(id)
        .flatMap(
            deleted ->
                deleted == 0 ? Mono.error(Failures.channelNotFound(id)) : Mono.<Void>empty());
  }

  @Override
  public final Flux<Channel> page(@Nullable String afterName, int limit) {
    Checks.limit(limit);
    return selectChannelsAfter(
        afterName == null ? null : afterName.toLowerCase(Locale.ROOT), limit);
  }

  @Override
  public final Mono<Membership> putMember(ChannelId channel, UserId user, Role role) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNull(role, "role");
    return withActor(
        (now, actor) ->
            upsertMember(channel, user, role, now, actor)
                .flatMap(write -> membershipOrFailure(write, channel, user)));
  }

  @Override
  public final Mono<Membership> findMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return selectMember(channel, user);
  }

  @Override
  public final Mono<Void> removeMember(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return withActor(
        (now, actor) ->
            deleteMember(channel, user, now, actor)
                .flatMap(write -> failureOf(write, channel, user)));
  }

  @Override
  public final Flux<Membership> pageMembers(
      ChannelId channel, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    return selectMembersAfter(channel, afterUser, limit);
  }

  @Override
  public final Flux<Membership> pageMemberships(
      UserId user, @Nullable ChannelId afterChannel, int limit) {
    Checks.notNull(user, "user");
    Checks.limit(limit);
    return selectMembershipsAfter(user, afterChannel, limit);
  }

  private <T> Mono<T> withActor(BiFunction<Instant, @Nullable UserId, Mono<T>> work) {
    return Mono.deferContextual(
        ctx -> work.apply(Instants.now(clock), Actor.from(ctx).orElse(null)));
  }

  private static Mono<Membership> membershipOrFailure(
      MemberWrite write, ChannelId channel, UserId user) {
    return write.outcome() == MemberWrite.Outcome.WRITTEN
        ? Mono.just(Objects.requireNonNull(write.membership(), "membership"))
        : failureOf(write, channel, user);
  }

  private static <T> Mono<T> failureOf(MemberWrite write, ChannelId channel, UserId user) {
    return switch (write.outcome()) {
      case WRITTEN -> Mono.empty();
      case NO_CHANNEL -> Mono.error(Failures.channelNotFound(channel));
      case NO_USER -> Mono.error(Failures.missingReference("user", user));
      case NOT_A_MEMBER -> Mono.error(Failures.notAMember(user, channel));
      case LAST_OWNER -> Mono.error(Failures.lastOwner(channel));
    };
  }

  /**
   * Inserts a channel and its creator's owner membership if the creator exists, all or nothing
   * (SQL: one transaction whose channel insert is conditional on the user; a key-value engine: one
   * multi-item transaction, the only hook here that needs one). A taken name is a unique violation
   * that the backend's error translation turns into {@link Failures#duplicate}.
   *
   * @param channel the channel to store
   * @param owner the creator's membership
   * @return a {@code Mono} of true when stored, false (nothing stored) when the creator does not
   *     exist
   */
  protected abstract Mono<Boolean> insertChannel(Channel channel, Membership owner);

  /**
   * Reads a channel.
   *
   * @param id the channel
   * @return a {@code Mono} of the channel, empty when there is none
   */
  protected abstract Mono<Channel> selectChannel(ChannelId id);

  /**
   * Reads a channel by its folded name.
   *
   * @param name the lower-case name
   * @return a {@code Mono} of the channel, empty when there is none
   */
  protected abstract Mono<Channel> selectChannelByName(String name);

  /**
   * Replaces a channel's mutable fields and increments its version if it is at the expected one,
   * writing the audit entry with the change (one unit of work; a key-value engine: a write
   * conditioned on the version, the entry in the same item collection or a transaction).
   *
   * @param id the channel
   * @param expectedVersion the version it must be at
   * @param update the new fields
   * @param now the new {@code updatedAt}
   * @param audit the entry to write with the change
   * @return a {@code Mono} of the outcome: the updated channel, the stored version, or missing
   */
  protected abstract Mono<UpdateOutcome<Channel>> updateChannelIfVersion(
      ChannelId id, long expectedVersion, ChannelUpdate update, Instant now, AuditEntry audit);

  /**
   * Sets a channel's archived flag, incrementing its version and writing the audit entry only when
   * the flag changes (one unit of work).
   *
   * @param id the channel
   * @param archived the flag
   * @param now the new {@code updatedAt} when it changes
   * @param audit the entry to write when it changes
   * @return a {@code Mono} of the channel as stored afterwards, empty when there is none
   */
  protected abstract Mono<Channel> updateArchived(
      ChannelId id, boolean archived, Instant now, AuditEntry audit);

  /**
   * Deletes a channel with everything that belongs to it.
   *
   * @param id the channel
   * @return a {@code Mono} of the number of channels deleted
   */
  protected abstract Mono<Long> deleteChannel(ChannelId id);

  /**
   * A page of channels in name order.
   *
   * @param afterName the lower-case name to start after, or null for the first page
   * @param limit the page size
   * @return a {@code Flux} of at most {@code limit} channels
   */
  protected abstract Flux<Channel> selectChannelsAfter(@Nullable String afterName, int limit);

  /**
   * Gives a user a role in a channel, adding the membership (read position 0, joined {@code now})
   * or changing the role of the existing one, in one unit of work that is atomic against every
   * other membership write of the channel: read the {@link MemberState}, ask {@link
   * ChannelRules#refusePut}, and if it allows, write the membership and the audit entry of {@link
   * ChannelRules#putAudit}. SQL backends serialise on the channel (the SQLite writer does already;
   * R2DBC locks the channel's row first); a key-value engine keeps an owner counter on the channel
   * item and conditions the demotion of an owner on it.
   *
   * @param channel the channel
   * @param user the user
   * @param role the role to give
   * @param now the time of a new membership and of the audit entry
   * @param actor who acts, or null
   * @return a {@code Mono} of the outcome, with the membership as stored when written
   */
  protected abstract Mono<MemberWrite> upsertMember(
      ChannelId channel, UserId user, Role role, Instant now, @Nullable UserId actor);

  /**
   * Reads a membership.
   *
   * @param channel the channel
   * @param user the user
   * @return a {@code Mono} of the membership, empty when there is none
   */
  protected abstract Mono<Membership> selectMember(ChannelId channel, UserId user);

  /**
   * Removes a member, in one unit of work atomic against every other membership write of the
   * channel (as {@link #upsertMember}): read the {@link MemberState}, ask {@link
   * ChannelRules#refuseRemove}, and if it allows, delete the membership and write the audit entry
   * of {@link ChannelRules#removeAudit}.
   *
   * @param channel the channel
   * @param user the member
   * @param now the time of the audit entry
   * @param actor who acts, or null
   * @return a {@code Mono} of the outcome ({@link MemberWrite#removed} when removed)
   */
  protected abstract Mono<MemberWrite> deleteMember(
      ChannelId channel, UserId user, Instant now, @Nullable UserId actor);

  /**
   * A page of a channel's members in user-id order.
   *
   * @param channel the channel
   * @param afterUser the user to start after, or null for the first page
   * @param limit the page size
   * @return a {@code Flux} of at most {@code limit} memberships
   */
  protected abstract Flux<Membership> selectMembersAfter(
      ChannelId channel, @Nullable UserId afterUser, int limit);

  /**
   * A page of a user's memberships in channel-id order.
   *
   * @param user the user
   * @param afterChannel the channel to start after, or null for the first page
   * @param limit the page size
   * @return a {@code Flux} of at most {@code limit} memberships
   */
  protected abstract Flux<Membership> selectMembershipsAfter(
      UserId user, @Nullable ChannelId afterChannel, int limit);
}
