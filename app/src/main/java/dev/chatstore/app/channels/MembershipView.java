package dev.chatstore.app.channels;

import dev.chatstore.storage.Membership;
import java.time.Instant;

/**
 * A membership as the API shows it.
 *
 * @param channelId the channel
 * @param userId the member
 * @param role the role
 * @param readSeq the member's read position
 * @param joinedAt when they joined
 */
public record MembershipView(
    String channelId, String userId, String role, long readSeq, Instant joinedAt) {

  /**
   * The view of a membership.
   *
   * @param m the membership
   * @return the view
   */
  public static MembershipView of(Membership m) {
    return new MembershipView(
        m.channelId().toString(),
        m.userId().toString(),
        ChannelView.lower(m.role().name()),
        m.readSeq(),
        m.joinedAt());
  }
}
