package dev.chatstore.storage.internal;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The rules of channels and memberships, as pure functions: the records a create stores, the
 * last-owner rule, and the audit entry of each change. The membership hooks of every backend call
 * them inside their unit of work, on the state they read there ({@link MemberState}), so the rule
 * holds under concurrency wherever the hook's reads and write are atomic.
 */
public final class ChannelRules {

  private ChannelRules() {}

  /**
   * The channel a create stores: a new id, version 1, no messages, not archived.
   *
   * @param channel what to create
   * @param now the storage's "now"
   * @return the channel
   */
  public static Channel created(NewChannel channel, Instant now) {
    return new Channel(
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
  }

  /**
   * The membership a create stores with its channel: the creator is its {@link Role#OWNER}.
   *
   * @param channel the created channel
   * @return the creator's membership, read position 0
   */
  public static Membership owner(Channel channel) {
    return new Membership(channel.id(), channel.createdBy(), Role.OWNER, 0, channel.createdAt());
  }

  /**
   * Whether a role change leaves a channel without an owner.
   *
   * @param held the role held now, or null for a non-member
   * @param next the role afterwards, or null for a removal
   * @param owners how many owners the channel has now
   * @return true when the member is its last owner and would stop being one
   */
  public static boolean leavesNoOwner(@Nullable Role held, @Nullable Role next, long owners) {
    return held == Role.OWNER && next != Role.OWNER && owners <= 1;
  }

  /**
   * Why giving a member a role is refused, if it is.
   *
   * @param state what the write read
   * @param role the role to give
   * @return the refusal, or null when the write may go ahead
   */
  public static MemberWrite.@Nullable Outcome refusePut(MemberState state, Role role) {
    if (!state.channelExists()) {
      return MemberWrite.Outcome.NO_CHANNEL;
    }
    if (!state.userExists()) {
      return MemberWrite.Outcome.NO_USER;
    }
    return leavesNoOwner(state.role(), role, state.owners())
        ? MemberWrite.Outcome.LAST_OWNER
        : null;
  }

  /**
   * Why removing a member is refused, if it is.
   *
   * @param state what the write read
   * @return the refusal, or null when the removal may go ahead
   */
  public static MemberWrite.@Nullable Outcome refuseRemove(MemberState state) {
    if (state.role() == null) {
      return MemberWrite.Outcome.NOT_A_MEMBER;
    }
    return leavesNoOwner(state.role(), null, state.owners())
        ? MemberWrite.Outcome.LAST_OWNER
        : null;
  }

  /**
   * The audit entry of giving a member a role.
   *
   * @param channel the channel
   * @param user the member
   * @param held the role held before, or null for a new member
   * @param role the role given
   * @param actor who acts, or null
   * @param now when
   * @return the entry, or null when the role is unchanged (nothing to audit)
   */
  public static @Nullable AuditEntry putAudit(
      ChannelId channel,
      UserId user,
      @Nullable Role held,
      Role role,
      @Nullable UserId actor,
      Instant now) {
    if (held == role) {
      return null;
    }
    AuditAction action = held == null ? AuditAction.MEMBER_ADDED : AuditAction.MEMBER_ROLE_CHANGED;
    return entry(channel, actor, action, user, role(role), now);
  }

  /**
   * The audit entry of removing a member.
   *
   * @param channel the channel
   * @param user the member
   * @param held the role the member held
   * @param actor who acts, or null
   * @param now when
   * @return the entry
   */
  public static AuditEntry removeAudit(
      ChannelId channel, UserId user, Role held, @Nullable UserId actor, Instant now) {
    return entry(channel, actor, AuditAction.MEMBER_REMOVED, user, role(held), now);
  }

  /**
   * The audit entry of an update of a channel's fields, written when the update is.
   *
   * @param channel the channel
   * @param update the new fields
   * @param actor who acts, or null
   * @param now when
   * @return the entry
   */
  public static AuditEntry updateAudit(
      ChannelId channel, ChannelUpdate update, @Nullable UserId actor, Instant now) {
    return entry(channel, actor, AuditAction.CHANNEL_UPDATED, null, "name=" + update.name(), now);
  }

  /**
   * The audit entry of archiving or unarchiving, written only when the flag changes.
   *
   * @param channel the channel
   * @param archived the new state
   * @param actor who acts, or null
   * @param now when
   * @return the entry
   */
  public static AuditEntry archiveAudit(
      ChannelId channel, boolean archived, @Nullable UserId actor, Instant now) {
    AuditAction action = archived ? AuditAction.CHANNEL_ARCHIVED : AuditAction.CHANNEL_UNARCHIVED;
    return entry(channel, actor, action, null, "", now);
  }

  private static String role(Role role) {
    return "role=" + role.name();
  }

  private static AuditEntry entry(
      ChannelId channel,
      @Nullable UserId actor,
      AuditAction action,
      @Nullable UserId user,
      String detail,
      Instant now) {
    return new AuditEntry(AuditId.generate(), channel, actor, action, user, null, detail, now);
  }
}
