package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;

/**
 * A user's membership of a channel. Immutable and thread-safe.
 *
 * @param channelId the channel
 * @param userId the member
 * @param role the member's role
 * @param readSeq the position up to which the member has read, 0 when nothing
 * @param joinedAt when the user joined
 */
public record Membership(
    ChannelId channelId, UserId userId, Role role, long readSeq, Instant joinedAt) {

  /**
   * Validates the fields.
   *
   * @param channelId the channel
   * @param userId the member
   * @param role the role
   * @param readSeq the read position
   * @param joinedAt the join time
   */
  public Membership {
    Checks.notNull(channelId, "channelId");
    Checks.notNull(userId, "userId");
    Checks.notNull(role, "role");
    joinedAt = Checks.micros(Checks.notNull(joinedAt, "joinedAt"));
  }
}
