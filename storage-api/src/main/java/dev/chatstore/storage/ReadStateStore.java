package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read state of channel members: how far each member has read a channel ({@link
 * Membership#readSeq()}), unread counts and read receipts.
 *
 * <p>Unread count = the channel's last position minus the member's read position: constant time on
 * every backend, one query for all of a user's channels. A read position only moves forward and
 * never past the channel's last position.
 *
 * <p>Every method checks its arguments at call time ({@link NullPointerException}, {@link
 * IllegalArgumentException}) and touches the database only on subscription; each subscription runs
 * the operation again. Errors are signalled as {@link StorageException}s. Cancelling a subscription
 * releases everything it held (connection, cursor, scheduler slot); a write already sent may still
 * commit. Implementations are thread-safe.
 */
public interface ReadStateStore {

  /**
   * Moves a member's read position forward; it never moves back, and never past the channel's last
   * position.
   *
   * @param channel the channel
   * @param user the member
   * @param seq the position read up to, 0 or more
   * @return a {@code Mono} that emits the read position stored afterwards once committed, then
   *     completes; signals {@link NotFoundException} when the user is not a member (or the channel
   *     does not exist)
   */
  Mono<Long> markRead(ChannelId channel, UserId user, long seq);

  /**
   * Counts a member's unread messages: the channel's last position minus the member's read
   * position, in constant time.
   *
   * @param channel the channel
   * @param user the member
   * @return a {@code Mono} that emits the count, 0 or more, then completes; signals {@link
   *     NotFoundException} when the user is not a member (or the channel does not exist)
   */
  Mono<Long> unreadCount(ChannelId channel, UserId user);

  /**
   * Reads the read state of every channel a user is a member of, with one query.
   *
   * @param user the user
   * @return a {@code Flux} of one entry per membership, in channel-id order, that completes after
   *     the last; empty when the user is a member of nothing or does not exist
   */
  Flux<UnreadCount> unreadCounts(UserId user);

  /**
   * Pages through the members who have read a channel up to at least a position (read receipts).
   *
   * @param channel the channel
   * @param seq the position, 0 or more
   * @param afterUser the last member of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} memberships with {@code readSeq >= seq}, in
   *     user-id order, that completes after the page; empty when nobody read that far or the
   *     channel does not exist
   */
  Flux<Membership> readReceipts(ChannelId channel, long seq, @Nullable UserId afterUser, int limit);
}
