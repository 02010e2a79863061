package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link ReadStateStore}, written once: argument checks, the clamping rule of a read
 * position ({@link #clamp}), the unread count ({@link UnreadCount#unread}) and the not-a-member
 * error. A backend implements one hook per unit of work. Thread-safe when the hooks are.
 */
public abstract class AbstractReadStateStore implements ReadStateStore {

  /** For subclasses. */
  protected AbstractReadStateStore() {}

  /**
   * The read position a mark-read stores: never backwards, never past the channel's last position.
   *
   * @param readSeq the member's current read position
   * @param requested the position the member says it read up to
   * @param lastSeq the channel's last position
   * @return the position to store, {@code max(readSeq, min(requested, lastSeq))}
   */
  public static long clamp(long readSeq, long requested, long lastSeq) {
    return Math.max(readSeq, Math.min(requested, lastSeq));
  }

  @Override
  public final Mono<Long> markRead(ChannelId channel, UserId user, long seq) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNegative(seq, "seq");
    return Mono.defer(
        () ->
            advanceReadSeq(channel, user, seq)
                .switchIfEmpty(Mono.error(() -> Failures.notAMember(user, channel))));
  }

  @Override
  public final Mono<Long> unreadCount(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return Mono.defer(
        () ->
            selectReadState(channel, user)
                .map(UnreadCount::unread)
                .switchIfEmpty(Mono.error(() -> Failures.notAMember(user, channel))));
  }

  @Override
  public final Flux<UnreadCount> unreadCounts(UserId user) {
    Checks.notNull(user, "user");
    return Flux.defer(() -> selectUnreadCounts(user));
  }

  @Override
  public final Flux<Membership> readReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(seq, "seq");
    Checks.limit(limit);
    return Flux.defer(() -> selectReadReceipts(channel, seq, afterUser, limit));
  }

  /**
   * Moves a member's read position to {@link #clamp}{@code (readSeq, seq, lastSeq)}, as one unit of
   * work (one conditional update, or a read and an update in one writer closure).
   *
   * @param channel the channel
   * @param user the member
   * @param seq the requested position
   * @return a {@code Mono} of the position stored afterwards, empty when the user is not a member
   */
  protected abstract Mono<Long> advanceReadSeq(ChannelId channel, UserId user, long seq);

  /**
   * Reads a member's read position with the channel's last position.
   *
   * @param channel the channel
   * @param user the member
   * @return a {@code Mono} of the state, empty when the user is not a member
   */
  protected abstract Mono<UnreadCount> selectReadState(ChannelId channel, UserId user);

  /**
   * Reads the read state of every membership of a user, with one query.
   *
   * @param user the user
   * @return a {@code Flux} of one entry per membership, in channel-id order
   */
  protected abstract Flux<UnreadCount> selectUnreadCounts(UserId user);

  /**
   * Reads a page of the members whose read position is at least a position.
   *
   * @param channel the channel
   * @param seq the position
   * @param afterUser the last member of the previous page, or null for the first page
   * @param limit the page size
   * @return a {@code Flux} of memberships in user-id order
   */
  protected abstract Flux<Membership> selectReadReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit);
}
