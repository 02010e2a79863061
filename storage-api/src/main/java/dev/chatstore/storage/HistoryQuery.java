package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;

/**
 * One keyset page of a channel's history. Immutable and thread-safe.
 *
 * <p>{@link Direction#FORWARD} reads positions greater than {@code from} in ascending order; {@link
 * Direction#BACKWARD} reads positions less than {@code from} in descending order. {@code from} is
 * exclusive in both directions, so the last position of one page is the {@code from} of the next.
 *
 * @param channelId the channel
 * @param from the exclusive start position, 0 or more; use {@link #LATEST} for the newest messages
 *     backwards
 * @param direction which way to read
 * @param limit the page size, 1 to 500
 * @param includeDeleted whether tombstones of deleted messages are included
 */
public record HistoryQuery(
    ChannelId channelId, long from, Direction direction, int limit, boolean includeDeleted) {

  /** A start position after every message: reading backwards from it starts at the newest. */
  public static final long LATEST = Long.MAX_VALUE;

  /**
   * Validates the fields.
   *
   * @param channelId the channel
   * @param from the start position
   * @param direction the direction
   * @param limit the page size
   * @param includeDeleted whether tombstones are included
   */
  public HistoryQuery {
    Checks.notNull(channelId, "channelId");
    Checks.notNegative(from, "from");
    Checks.notNull(direction, "direction");
    Checks.limit(limit);
  }

  /**
   * The newest {@code limit} messages, newest first.
   *
   * @param channel the channel
   * @param limit the page size
   * @return the query
   */
  public static HistoryQuery latest(ChannelId channel, int limit) {
    return new HistoryQuery(channel, LATEST, Direction.BACKWARD, limit, false);
  }

  /**
   * Messages after a position, oldest first.
   *
   * @param channel the channel
   * @param after the exclusive start position
   * @param limit the page size
   * @return the query
   */
  public static HistoryQuery after(ChannelId channel, long after, int limit) {
    return new HistoryQuery(channel, after, Direction.FORWARD, limit, false);
  }

  /**
   * Messages before a position, newest first.
   *
   * @param channel the channel
   * @param before the exclusive start position
   * @param limit the page size
   * @return the query
   */
  public static HistoryQuery before(ChannelId channel, long before, int limit) {
    return new HistoryQuery(channel, before, Direction.BACKWARD, limit, false);
  }

  /**
   * Returns a copy that includes tombstones.
   *
   * @return a new query
   */
  public HistoryQuery withDeleted() {
    return new HistoryQuery(channelId, from, direction, limit, true);
  }

  /**
   * Returns the query for the page that follows a message of this one.
   *
   * @param lastSeq the position of the last message of this page
   * @return a new query with the same settings starting at {@code lastSeq}
   */
  public HistoryQuery next(long lastSeq) {
    return new HistoryQuery(channelId, lastSeq, direction, limit, includeDeleted);
  }
}
