package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Page;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a history request reads, whatever its representation: checks that the caller may read the
 * channel, resolves the position to start from (a {@code before} or {@code after} cursor, or an SSE
 * {@code Last-Event-ID}), and reads a page, the finite history or the live follow as batches of
 * views. Every cursor is checked before any query runs; the access check completes before a stream
 * is handed out, so an error is still a proper status.
 *
 * @param storage the storage
 * @param policy the permission rules
 * @param views renders messages and reads their cursors
 */
@Service
public record HistoryService(Storage storage, ChannelPolicy policy, MessageViews views) {

  /**
   * Messages whose reactions are read with one {@code ReactionStore.summarize} query: a stream
   * costs one extra query per 256 messages, while holding at most a few batches (with prefetch 1 at
   * each stage) besides the store's page.
   */
  private static final int REACTION_BATCH = 256;

  /** How long a live batch waits for more messages before it is handed on. */
  private static final Duration LINGER = Duration.ofMillis(5);

  private static final Duration RESUME_FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration RESUME_MAX_BACKOFF = Duration.ofSeconds(2);

  /**
   * A page: newest first without a cursor or with {@code before}, oldest first with {@code after}.
   *
   * @param caller the caller
   * @param channel the channel
   * @param before a cursor: messages before it, or null
   * @param after a cursor: messages after it, or null
   * @param limit the page size
   * @param includeDeleted whether tombstones come in their places
   * @return a {@code Mono} of the page; 404 when the caller may not read the channel
   * @throws ApiException 400 for both cursors at once or a bad cursor
   */
  public Mono<Page<MessageView>> page(
      Caller caller,
      ChannelId channel,
      @Nullable String before,
      @Nullable String after,
      int limit,
      boolean includeDeleted) {
    Long beforeSeq = position(channel, before, after);
    HistoryQuery live =
        beforeSeq != null
            ? HistoryQuery.before(channel, beforeSeq, limit)
            : after != null
                ? HistoryQuery.after(channel, decode(channel, after, "after"), limit)
                : HistoryQuery.latest(channel, limit);
    HistoryQuery query = includeDeleted ? live.withDeleted() : live;
    return policy
        .channel(caller, channel, Action.READ)
        .flatMap(s -> storage.messages().page(query).collectList())
        .flatMap(messages -> views.views(messages, caller.userId()))
        .map(items -> new Page<>(items, Page.next(items, limit, MessageView::cursor)));
  }

  /**
   * The history after a position, oldest first, as batches of views read as demand arrives; with
   * {@code follow} it then stays open with new messages as they commit, resumed after the last
   * message handed on when the database fails transiently (a restart, a lost connection).
   *
   * @param caller the caller
   * @param channel the channel
   * @param before must be null: streams run forward
   * @param after a cursor: messages after it, or null for the whole history
   * @param lastEventId an SSE resume point that takes the place of {@code after}, or null
   * @param follow whether to stay open for new messages
   * @param includeDeleted whether tombstones come in their places
   * @return a {@code Mono} of the batches, once the caller may read the channel; 404 otherwise
   * @throws ApiException 400 for a bad cursor or a {@code before}
   */
  public Mono<Flux<List<MessageView>>> stream(
      Caller caller,
      ChannelId channel,
      @Nullable String before,
      @Nullable String after,
      @Nullable String lastEventId,
      boolean follow,
      boolean includeDeleted) {
    Long beforeSeq = position(channel, before, after);
    long from = after == null ? 0 : decode(channel, after, "after");
    if (lastEventId != null && !lastEventId.isEmpty()) {
      from = decode(channel, lastEventId, "Last-Event-ID");
    }
    if (beforeSeq != null) {
      throw ApiException.invalid("streams run forward: use after, not before");
    }
    long start = from;
    UserId viewer = caller.userId();
    return policy
        .channel(caller, channel, Action.READ)
        .map(
            s ->
                follow
                    ? live(channel, start, viewer, includeDeleted)
                    : history(channel, start, viewer, includeDeleted));
  }

  /**
   * Runs a search over the channels the caller may read, or over one of them.
   *
   * @param caller the caller
   * @param query the query
   * @return a {@code Mono} of the hits; 404 when the query names a channel the caller may not read
   */
  public Mono<List<SearchHit>> search(Caller caller, SearchQuery query) {
    ChannelId channel = query.channel();
    Mono<?> allowed =
        channel == null ? Mono.just(caller) : policy.channel(caller, channel, Action.READ);
    return allowed.flatMap(a -> storage.search().search(query).collectList());
  }

  private Flux<List<MessageView>> history(
      ChannelId channel, long after, UserId viewer, boolean includeDeleted) {
    return storage.messages().stream(channel, after, Direction.FORWARD, includeDeleted)
        .buffer(REACTION_BATCH)
        .concatMap(batch -> views.views(batch, viewer), 1);
  }

  private Flux<List<MessageView>> live(
      ChannelId channel, long after, UserId viewer, boolean includeDeleted) {
    return ResumingFollow.of(
        after,
        from ->
            storage
                .messages()
                .follow(channel, from, includeDeleted)
                .bufferTimeout(REACTION_BATCH, LINGER, true)
                .concatMap(batch -> views.views(batch, viewer), 1),
        batch -> batch.get(batch.size() - 1).seq(),
        RESUME_FIRST_BACKOFF,
        RESUME_MAX_BACKOFF);
  }

  /** Rejects both cursors at once and reads {@code before}. */
  private @Nullable Long position(
      ChannelId channel, @Nullable String before, @Nullable String after) {
    if (before != null && after != null) {
      throw ApiException.invalid("use before or after, not both");
    }
    return before == null ? null : decode(channel, before, "before");
  }

  private long decode(ChannelId channel, String text, String name) {
    return views.position(channel, text, name);
  }
}
