package dev.chatstore.storage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Message history: posting with per-channel positions, edits, soft deletes, purges, keyset pages,
 * demand-driven streams and live follows. Read state is in {@link ReadStateStore}.
 *
 * <p>Positions: each message gets the next position of its channel in the posting transaction, by
 * incrementing the channel's last position under its row lock. Positions are unique, gap-free at
 * assignment, and committed in order: a reader that has seen position N and asks for what follows N
 * never misses a message that commits later. A purge can leave a gap afterwards.
 *
 * <p>Threads: a message may reply to another message of the same channel ({@link
 * NewMessage#parentId()}); the parent's {@link Message#replyCount()} and {@link
 * Message#lastReplyAt()} are updated in the reply's transaction, so they stay exact under
 * concurrent replies. Deleting a root (soft) keeps its replies and its counts: the tombstone still
 * anchors the thread. Purging a root leaves its replies in place: they stay in history and in
 * {@link #replies}, with a {@code parentId} that no longer resolves. Purging a reply recounts its
 * root from the replies that remain: their number, and {@code lastReplyAt} the newest one's time.
 * Soft-deleting a reply keeps the count (tombstones count).
 *
 * <p>Edits: each {@link #edit} keeps the previous body in the edit history ({@link #edits}), naming
 * the {@link Actor} of the subscription as editor (the author when none is given).
 *
 * <p>Every method checks its arguments at call time ({@link NullPointerException}, {@link
 * IllegalArgumentException}) and touches the database only on subscription; each subscription runs
 * the operation again. Errors are signalled as {@link StorageException}s. Cancelling a subscription
 * releases everything it held (connection, cursor, scheduler slot); a write already sent may still
 * commit. Implementations are thread-safe.
 */
public interface MessageStore {

  /**
   * Posts a message, idempotently when it carries a {@link NewMessage#clientTxnId()}.
   *
   * <p>The key is unique per author and is written in the same transaction as the message, with a
   * fingerprint of the request (channel, body, parent). Posting again with the same key and the
   * same request emits the message as it is now (edited or deleted since, or not) with {@link
   * PostResult#replayed()} true and stores nothing; with another request it signals a conflict,
   * even when the other request matches the message's current (edited) body. Concurrent posts with
   * one key store one message. Once the message is {@link #purge purged}, its key is free again:
   * the same request then posts a new message (a purge removes every trace of the message, its key
   * included). A message posted before schema 2.1 has no fingerprint; a retry of it is compared
   * with its stored channel, body and parent.
   *
   * @param message what to post
   * @return a {@code Mono} that emits the stored message once committed; signals {@link
   *     NotFoundException} when the channel does not exist, {@link InvalidArgumentException} when
   *     the parent does not exist or is in another channel, {@link ConflictException} with {@link
   *     ConflictException.Reason#IDEMPOTENCY_MISMATCH} when the key was used with another request
   */
  Mono<PostResult> post(NewMessage message);

  /**
   * Finds a message (or its tombstone) by id.
   *
   * @param id the message
   * @return a {@code Mono} that emits the message, or completes empty when there is none (never
   *     posted, or purged)
   */
  Mono<Message> findById(MessageId id);

  /**
   * Replaces the body of a message if its stored version is the expected one.
   *
   * @param id the message
   * @param expectedVersion the version the caller last read, at least 1
   * @param body the new body, as {@link NewMessage#body()}
   * @return a {@code Mono} that emits the edited message (version + 1, {@code editedAt} set);
   *     signals {@link NotFoundException}, {@link ConflictException} with {@link
   *     ConflictException.Reason#VERSION_MISMATCH}, or with {@link ConflictException.Reason#STATE}
   *     when the message is deleted
   */
  Mono<Message> edit(MessageId id, long expectedVersion, String body);

  /**
   * Soft-deletes a message: the row becomes a tombstone that keeps id, position, author, parent and
   * time and drops the body, its reactions and edit history; audited as {@link
   * AuditAction#MESSAGE_DELETED}. Deleting a tombstone changes nothing.
   *
   * @param id the message
   * @return a {@code Mono} that emits the tombstone once committed; signals {@link
   *     NotFoundException} when there is no such message
   */
  Mono<Message> delete(MessageId id);

  /**
   * Removes a message (or tombstone) for good, for compliance, with its reactions and edit history,
   * audited as {@link AuditAction#MESSAGE_PURGED}. Its position is not reused. See the class
   * description for what happens to threads.
   *
   * @param id the message
   * @return a {@code Mono} that completes once committed; signals {@link NotFoundException} when
   *     there is no such message
   */
  Mono<Void> purge(MessageId id);

  /**
   * Reads one keyset page of history.
   *
   * @param query the page
   * @return a {@code Flux} of at most {@code limit} messages in the query's order; empty when the
   *     channel has no messages there or does not exist
   */
  Flux<Message> page(HistoryQuery query);

  /**
   * Streams a channel's history from a position to its end as it is at the time each page is read.
   *
   * <p>Demand-driven: each page reads at most as many messages as are requested (and at most 500),
   * and only once they are requested. No connection or cursor is held between pages, so a slow
   * consumer slows the reads instead of filling memory, and a cancelled stream holds nothing.
   * Tombstones are skipped; {@link #stream(ChannelId, long, Direction, boolean)} can include them.
   *
   * @param channel the channel
   * @param from the exclusive start position ({@link HistoryQuery#LATEST} to stream backwards from
   *     the newest)
   * @param direction which way to read
   * @return a cold {@code Flux} that completes after the last message; empty for an empty or
   *     unknown channel
   */
  default Flux<Message> stream(ChannelId channel, long from, Direction direction) {
    return stream(channel, from, direction, false);
  }

  /**
   * Streams a channel's history as {@link #stream(ChannelId, long, Direction)} does, with or
   * without tombstones: when {@code includeDeleted} is true, each message deleted by the time its
   * page is read comes in its place as its tombstone ({@link Message#deleted()} true, empty body),
   * as {@link HistoryQuery#includeDeleted()} does for a page. Purged messages never come.
   *
   * @param channel the channel
   * @param from the exclusive start position ({@link HistoryQuery#LATEST} to stream backwards from
   *     the newest)
   * @param direction which way to read
   * @param includeDeleted whether tombstones come in their places
   * @return a cold {@code Flux} that completes after the last message; empty for an empty or
   *     unknown channel
   */
  Flux<Message> stream(ChannelId channel, long from, Direction direction, boolean includeDeleted);

  /**
   * Replays a channel's messages after a position and then stays open, emitting each new message as
   * it commits: exactly once, in position order, tombstones skipped. New commits wake the follower,
   * which then reads from the table (never from a notification payload).
   *
   * <p>Never completes by itself; cancel it to stop. Signals {@link NotFoundException} when the
   * channel does not exist at subscription. Demand is honoured: a follower that requests nothing is
   * not sent anything and holds no connection while it waits.
   *
   * @param channel the channel
   * @param after the exclusive start position, 0 for the whole history
   * @return a hot-ending, infinite {@code Flux} of messages
   */
  default Flux<Message> follow(ChannelId channel, long after) {
    return follow(channel, after, false);
  }

  /**
   * Follows a channel as {@link #follow(ChannelId, long)} does, with or without tombstones: when
   * {@code includeDeleted} is true, a message already deleted when the follower reads it comes in
   * its place as its tombstone. A message is emitted once: one deleted after it was emitted is not
   * emitted again (deletions are not events of a follow).
   *
   * @param channel the channel
   * @param after the exclusive start position, 0 for the whole history
   * @param includeDeleted whether tombstones come in their places
   * @return a hot-ending, infinite {@code Flux} of messages
   */
  Flux<Message> follow(ChannelId channel, long after, boolean includeDeleted);

  /**
   * Pages through the replies to a message, in position order.
   *
   * @param parent the thread's root message
   * @param afterSeq the exclusive start position (the last reply of the previous page), 0 for the
   *     first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} replies, oldest first, tombstones skipped;
   *     empty when there are none (or the root never existed)
   */
  Flux<Message> replies(MessageId parent, long afterSeq, int limit);

  /**
   * Pages through the previous bodies of an edited message, oldest first.
   *
   * @param message the message
   * @param afterVersion the exclusive start version (the last entry of the previous page), 0 for
   *     the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} edits; empty when it was never edited, or after
   *     it was purged (its history goes with it)
   */
  Flux<MessageEdit> edits(MessageId message, long afterVersion, int limit);

  /**
   * Reads the position of a channel's newest message.
   *
   * @param channel the channel
   * @return a {@code Mono} that emits the last position (0 when none was posted); signals {@link
   *     NotFoundException} when the channel does not exist
   */
  Mono<Long> latestSeq(ChannelId channel);
}
