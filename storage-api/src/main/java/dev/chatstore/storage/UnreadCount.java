package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;

/**
 * A member's read state in one channel. Immutable and thread-safe.
 *
 * @param channelId the channel
 * @param lastSeq the channel's last position
 * @param readSeq the member's read position
 */
public record UnreadCount(ChannelId channelId, long lastSeq, long readSeq) {

  /**
   * Validates the fields.
   *
   * @param channelId the channel
   * @param lastSeq the last position
   * @param readSeq the read position
   */
  public UnreadCount {
    Checks.notNull(channelId, "channelId");
  }

  /**
   * How many positions the member has not read.
   *
   * @return {@code lastSeq - readSeq}, never negative
   */
  public long unread() {
    return Math.max(0, lastSeq - readSeq);
  }
}
