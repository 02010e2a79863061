package dev.chatstore.storage.internal;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UserId;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link MessageStore}, written once: argument checks, ids and times, the editor of an
 * edit, the paged stream and the shared-tail follow, and the mapping of what the hooks report to
 * {@link Failures} errors. The decisions a write takes on stored state ({@link MessageRules}) are
 * handed to the write hooks as {@link Posting} and {@link Editing}, so that each write stays one
 * unit of work: one closure on the SQLite writer, one statement chain over R2DBC, one conditional
 * write on a key-value engine. Thread-safe when the hooks are.
 */
public abstract class AbstractMessageStore implements MessageStore {

  private static final int MAX_PAGE = Checks.MAX_LIMIT;

  private final Clock clock;
  private final ChangeFeed signal;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   * @param signal wakes followers after commits; {@link #follow} listens to it
   */
  protected AbstractMessageStore(Clock clock, ChangeFeed signal) {
    this.clock = Checks.notNull(clock, "clock");
    this.signal = Checks.notNull(signal, "signal");
  }

  @Override
  public final Mono<PostResult> post(NewMessage message) {
    Checks.notNull(message, "message");
    return Mono.defer(
        () -> appendMessage(new Posting(message, MessageId.generate(), Instants.now(clock))));
  }

  @Override
  public final Mono<Message> findById(MessageId id) {
    Checks.notNull(id, "id");
    return Mono.defer(() -> selectMessage(id));
  }

  @Override
  public final Mono<Message> edit(MessageId id, long expectedVersion, String body) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    String checked = NewMessage.body(body);
    return Mono.deferContextual(
        ctx ->
            updateMessageBody(
                    new Editing(
                        id,
                        expectedVersion,
                        checked,
                        Actor.from(ctx).orElse(null),
                        Instants.now(clock)))
                .switchIfEmpty(Mono.error(() -> Failures.messageNotFound(id))));
  }

  @Override
  public final Mono<Message> delete(MessageId id) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx ->
            tombstoneMessage(id, Actor.from(ctx).orElse(null), Instants.now(clock))
                .switchIfEmpty(Mono.error(() -> Failures.messageNotFound(id))));
  }

  @Override
  public final Mono<Void> purge(MessageId id) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx ->
            deleteMessage(id, Actor.from(ctx).orElse(null), Instants.now(clock))
                .flatMap(
                    deleted ->
                        deleted == 0
                            ? Mono.error(Failures.messageNotFound(id))
                            : Mono.<Void>empty()));
  }

  @Override
  public final Flux<Message> page(HistoryQuery query) {
    Checks.notNull(query, "query");
    return Flux.defer(() -> selectPage(query, PageRead.PAGE));
  }

  @Override
  public final Flux<Message> stream(
      ChannelId channel, long from, Direction direction, boolean includeDeleted) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(from, "from");
    Checks.notNull(direction, "direction");
    return PagedStream.of(
        from,
        (cursor, limit) ->
            selectPage(
                new HistoryQuery(channel, cursor, direction, limit, includeDeleted),
                PageRead.STREAM),
        Message::seq,
        MAX_PAGE);
  }

  @Override
  public final Flux<Message> follow(ChannelId channel, long after, boolean includeDeleted) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(after, "after");
    if (inTransaction()) {
      return Flux.error(Failures.followInTransaction());
    }
    // closing the storage ends followers with completion, even while a read is in flight
    return signal.completeOnClose(
        latestSeq(channel)
            .thenMany(
                Follow.of(
                    after,
                    (cursor, limit) ->
                        selectPage(
                            new HistoryQuery(
                                channel, cursor, Direction.FORWARD, limit, includeDeleted),
                            PageRead.FOLLOW),
                    Message::seq,
                    signal.changes(channel),
                    MAX_PAGE)));
  }

  @Override
  public final Flux<Message> replies(MessageId parent, long afterSeq, int limit) {
    Checks.notNull(parent, "parent");
    Checks.notNegative(afterSeq, "afterSeq");
    Checks.limit(limit);
    return Flux.defer(() -> selectReplies(parent, afterSeq, limit));
  }

  @Override
  public final Flux<MessageEdit> edits(MessageId message, long afterVersion, int limit) {
    Checks.notNull(message, "message");
    Checks.notNegative(afterVersion, "afterVersion");
    Checks.limit(limit);
    return Flux.defer(() -> selectEdits(message, afterVersion, limit));
  }

  @Override
  public final Mono<Long> latestSeq(ChannelId channel) {
    Checks.notNull(channel, "channel");
    return Mono.defer(
        () ->
            selectLastSeq(channel)
                .switchIfEmpty(Mono.error(() -> Failures.channelNotFound(channel))));
  }

  /**
   * Stores a post, as one unit of work (the SQLite writer: one closure; R2DBC: one statement or one
   * transaction): when the post has a client transaction id, reads the message its author stored
   * under it with the fingerprint stored with it and, if there is one, answers {@link
   * Posting#replayOf}; otherwise takes the channel's next position under its row lock (none: {@link
   * Posting#channelNotFound}), checks the parent with {@link Posting#requireParentIn}, inserts
   * {@link Posting#at} that position with {@link Posting#fingerprint} and, for a reply, counts it
   * on its root ({@link MessageRules#afterReply}). A concurrent post that stored the same key first
   * must end as its replay, not as a duplicate-key error.
   *
   * @param posting the post, its new id and time, and the decisions
   * @return a {@code Mono} of the result once committed
   */
  protected abstract Mono<PostResult> appendMessage(Posting posting);

  /**
   * Reads a message or tombstone with its thread counters.
   *
   * @param id the message
   * @return a {@code Mono} of it, empty when there is none
   */
  protected abstract Mono<Message> selectMessage(MessageId id);

  /**
   * Edits a message, as one unit of work: reads its state (locked until the end), checks it with
   * {@link Editing#check}, stores the entry that check returns in the edit history, and replaces
   * the body (version + 1, {@code editedAt} = {@link Editing#now}).
   *
   * @param editing the edit and its check
   * @return a {@code Mono} of the edited message
   */
  protected abstract Mono<Message> updateMessageBody(Editing editing);

  /**
   * Soft-deletes a message, as one unit of work: turns a live message into its tombstone (body
   * empty, {@code deletedAt} = now, version + 1), drops its reactions and edit history and audits
   * {@link dev.chatstore.storage.AuditAction#MESSAGE_DELETED}; a tombstone stays as it is.
   *
   * @param id the message
   * @param actor who deletes it, or null
   * @param now the deletion time
   * @return a {@code Mono} of the tombstone, empty when there is no such message
   */
  protected abstract Mono<Message> tombstoneMessage(
      MessageId id, @Nullable UserId actor, Instant now);

  /**
   * Purges a message, as one unit of work under its channel's lock: removes it with its reactions
   * and edit history, recounts its root when it is a reply ({@link MessageRules#recount}: the
   * remaining replies' number and newest time), and audits {@link
   * dev.chatstore.storage.AuditAction#MESSAGE_PURGED}.
   *
   * @param id the message
   * @param actor who purges it, or null
   * @param now the audit time
   * @return a {@code Mono} of the number of messages removed: 1, or 0 when there is none
   */
  protected abstract Mono<Long> deleteMessage(MessageId id, @Nullable UserId actor, Instant now);

  /** Which method a page read serves. */
  protected enum PageRead {
    /** {@link #page}. */
    PAGE("MessageStore.page"),
    /** {@link #stream}: observed once per page as {@code MessageStore.stream}. */
    STREAM("MessageStore.stream"),
    /** {@link #follow}: forward. */
    FOLLOW("MessageStore.follow");

    private final String operation;

    PageRead(String operation) {
      this.operation = operation;
    }

    /**
     * The operation name the backend reports to its observer for this read.
     *
     * @return such as {@code MessageStore.stream}
     */
    public String operation() {
      return operation;
    }
  }

  /**
   * Reads one keyset page of history.
   *
   * @param query the page, with tombstones when {@link HistoryQuery#includeDeleted()} (for every
   *     kind of read)
   * @param read which method the page serves, and the operation name to report
   * @return a {@code Flux} of its messages in the query's order
   */
  protected abstract Flux<Message> selectPage(HistoryQuery query, PageRead read);

  /**
   * Reads a page of a root's live replies by position.
   *
   * @param parent the root
   * @param afterSeq the exclusive start position
   * @param limit the page size
   * @return a {@code Flux} of the replies, oldest first
   */
  protected abstract Flux<Message> selectReplies(MessageId parent, long afterSeq, int limit);

  /**
   * Reads a page of a message's edit history by version.
   *
   * @param message the message
   * @param afterVersion the exclusive start version
   * @param limit the page size
   * @return a {@code Flux} of the entries, oldest first
   */
  protected abstract Flux<MessageEdit> selectEdits(MessageId message, long afterVersion, int limit);

  /**
   * Reads a channel's last position.
   *
   * @param channel the channel
   * @return a {@code Mono} of it, empty when the channel does not exist
   */
  protected abstract Mono<Long> selectLastSeq(ChannelId channel);

  /**
   * Whether this store is bound to a transaction, where {@link #follow} is not available.
   *
   * @return true inside {@code Storage.inTransaction}
   */
  protected abstract boolean inTransaction();
}
