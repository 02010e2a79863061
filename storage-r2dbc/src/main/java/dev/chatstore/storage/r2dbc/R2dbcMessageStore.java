package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.internal.Follow;
import dev.chatstore.storage.internal.PagedStream;
import dev.chatstore.storage.r2dbc.internal.ChannelSql;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.MembershipSql;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link MessageStore} over R2DBC. Positions come from {@code channels.last_seq}, incremented under
 * the channel's row lock in the posting transaction; pages and streams read by keyset on {@code
 * (channel_id, seq)}; follow re-reads the table after each wake-up.
 *
 * <p>Threads: a reply bumps its root's counters ({@code message_threads}) in its own transaction,
 * after taking the channel's row lock (the position increment); purging takes the same lock and
 * recounts the root from its remaining replies. Every change of a thread's counters is therefore
 * serialized by the channel's lock, and the counters stay exact under concurrent replies. Edits
 * lock the message row and keep the previous body in {@code message_edits}; deletes and purges
 * write their audit entry in their own transaction. Thread-safe.
 */
public final class R2dbcMessageStore implements MessageStore {

  private static final int MAX_PAGE = Checks.MAX_LIMIT;

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final ChangeFeed signal;
  private final String lockForEdit;
  private final String upsertThreadReply;
  private final String advanceReadSeq;

  R2dbcMessageStore(Db db, Rows rows, Clock clock, ChangeFeed signal) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.signal = signal;
    this.lockForEdit = db.dialect().forUpdate(R2dbcSql.SELECT_MESSAGE_FOR_EDIT);
    this.upsertThreadReply = db.dialect().upsertThreadReply();
    this.advanceReadSeq = db.dialect().returning(R2dbcSql.ADVANCE_READ_SEQ, "read_seq");
  }

  @Override
  public Mono<PostResult> post(NewMessage message) {
    Checks.notNull(message, "message");
    String op = "MessageStore.post";
    // the checks read committed state; the append is one atomic step (PostgreSQL: one statement)
    Mono<PostResult> insert =
        replay(db, message)
            .switchIfEmpty(
                Mono.defer(
                    () ->
                        (message.parentId() == null
                                ? insert(db, message)
                                : db.transaction(op, tx -> insertReply(tx, message)).next())
                            .map(stored -> new PostResult(stored, false))));
    if (message.clientTxnId() == null) {
      return insert;
    }
    // a concurrent post with the same key committed first: answer as a replay would
    return insert.onErrorResume(
        e -> !db.inTransaction() && Errors.isDuplicateOf(e, "ux_messages_author_txn"),
        e -> replay(db, message).switchIfEmpty(Mono.error(e)));
  }

  private Mono<PostResult> replay(Db tx, NewMessage message) {
    if (message.clientTxnId() == null) {
      return Mono.empty();
    }
    return tx.read(
            "MessageStore.post",
            R2dbcSql.SELECT_MESSAGE_BY_CLIENT_TXN,
            2,
            rows::message,
            message.authorId().value(),
            message.clientTxnId())
        .next()
        .flatMap(
            stored ->
                message.samePayloadAs(stored)
                    ? Mono.just(new PostResult(stored, true))
                    : Mono.error(
                        new ConflictException(
                            ConflictException.Reason.IDEMPOTENCY_MISMATCH,
                            "client transaction id '"
                                + message.clientTxnId()
                                + "' was used by message "
                                + stored.id()
                                + " with another payload")));
  }

  private Mono<Void> checkParent(Db tx, NewMessage message) {
    MessageId parent = message.parentId();
    if (parent == null) {
      return Mono.empty();
    }
    return tx.read(
            "MessageStore.post",
            R2dbcSql.SELECT_MESSAGE_CHANNEL,
            2,
            row -> rows.optionalUuid(row, "channel_id"),
            parent.value())
        .next()
        .switchIfEmpty(
            Mono.error(
                () -> new InvalidArgumentException("parent message " + parent + " does not exist")))
        .flatMap(
            channel ->
                message.channelId().value().equals(channel)
                    ? Mono.empty()
                    : Mono.error(
                        new InvalidArgumentException(
                            "parent message " + parent + " is in another channel")));
  }

  /**
   * A reply, in one transaction: the append takes the channel's row lock, under which the parent is
   * checked (a purge of it would need the same lock) and its thread counters bumped.
   */
  private Mono<Message> insertReply(Db tx, NewMessage message) {
    MessageId parent = Objects.requireNonNull(message.parentId(), "parentId");
    return insert(tx, message)
        .flatMap(
            stored ->
                checkParent(tx, message)
                    .then(
                        tx.write(
                            "MessageStore.post",
                            upsertThreadReply,
                            parent.value(),
                            stored.createdAt()))
                    .thenReturn(stored));
  }

  private Mono<Message> insert(Db tx, NewMessage message) {
    ChannelId channel = message.channelId();
    Instant now = R2dbcStorage.now(clock);
    MessageId id = MessageId.generate();
    MessageId parent = message.parentId();
    Object[] row = {
      id.value(),
      channel.value(),
      message.authorId().value(),
      message.body(),
      orNull(parent == null ? null : parent.value(), UUID.class),
      orNull(message.clientTxnId(), String.class),
      now
    };
    return tx.dialect()
        .appendMessage(tx, row, channel, signal)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + channel)))
        .map(
            seq ->
                new Message(
                    id,
                    channel,
                    seq,
                    message.authorId(),
                    message.body(),
                    parent,
                    message.clientTxnId(),
                    now,
                    null,
                    null,
                    1));
  }

  @Override
  public Mono<Message> findById(MessageId id) {
    Checks.notNull(id, "id");
    return db.read(
            "MessageStore.findById", R2dbcSql.SELECT_MESSAGE_BY_ID, 2, rows::message, id.value())
        .next();
  }

  @Override
  public Mono<Message> edit(MessageId id, long expectedVersion, String body) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    String checked = NewMessage.body(body);
    String op = "MessageStore.edit";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx ->
                        tx.queryOne(op, lockForEdit, EditState::of, id.value())
                            .switchIfEmpty(
                                Mono.error(() -> new NotFoundException("no message " + id)))
                            .flatMap(
                                state -> {
                                  if (state.deleted()) {
                                    return Mono.error(
                                        new ConflictException(
                                            ConflictException.Reason.STATE,
                                            "message " + id + " is deleted"));
                                  }
                                  if (state.version() != expectedVersion) {
                                    return Mono.error(
                                        new ConflictException(
                                            ConflictException.Reason.VERSION_MISMATCH,
                                            "message "
                                                + id
                                                + " is at version "
                                                + state.version()
                                                + ", not "
                                                + expectedVersion));
                                  }
                                  Instant now = R2dbcStorage.now(clock);
                                  UUID editor =
                                      Actor.from(ctx).map(UserId::value).orElse(state.author());
                                  return tx.write(
                                          op,
                                          R2dbcSql.INSERT_MESSAGE_EDIT,
                                          id.value(),
                                          state.version(),
                                          state.body(),
                                          editor,
                                          now)
                                      .then(
                                          tx.write(
                                              op,
                                              R2dbcSql.UPDATE_MESSAGE_BODY,
                                              id.value(),
                                              checked,
                                              now))
                                      .then(selectById(tx, op, id));
                                }))
                .next());
  }

  /** What an edit checks and keeps, read under the message's row lock. */
  private record EditState(UUID author, String body, long version, boolean deleted) {
    static EditState of(io.r2dbc.spi.Readable row) {
      return new EditState(
          Objects.requireNonNull(row.get("author_id", UUID.class), "author_id"),
          Objects.requireNonNull(row.get("body", String.class), "body"),
          Rows.number(row, "version"),
          row.get("deleted_at") != null);
    }
  }

  private Mono<Message> selectById(Db tx, String op, MessageId id) {
    return tx.read(op, R2dbcSql.SELECT_MESSAGE_BY_ID, 2, rows::message, id.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no message " + id)));
  }

  @Override
  public Mono<Message> delete(MessageId id) {
    Checks.notNull(id, "id");
    String op = "MessageStore.delete";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx -> {
                      Instant now = R2dbcStorage.now(clock);
                      return tx.write(op, R2dbcSql.TOMBSTONE_MESSAGE, id.value(), now)
                          .flatMap(
                              changed ->
                                  selectById(tx, op, id)
                                      .flatMap(
                                          tombstone ->
                                              changed == 0
                                                  // a tombstone already: nothing changes
                                                  ? Mono.just(tombstone)
                                                  : tx.write(
                                                          op,
                                                          R2dbcSql.DELETE_REACTIONS_OF_MESSAGE,
                                                          id.value())
                                                      .then(
                                                          tx.write(
                                                              op,
                                                              R2dbcSql.DELETE_EDITS_OF_MESSAGE,
                                                              id.value()))
                                                      .then(
                                                          R2dbcAuditStore.append(
                                                              tx,
                                                              op,
                                                              now,
                                                              tombstone.channelId(),
                                                              Actor.from(ctx).orElse(null),
                                                              AuditAction.MESSAGE_DELETED,
                                                              null,
                                                              id,
                                                              ""))
                                                      .thenReturn(tombstone)));
                    })
                .next());
  }

  @Override
  public Mono<Void> purge(MessageId id) {
    Checks.notNull(id, "id");
    String op = "MessageStore.purge";
    return Mono.deferContextual(
        ctx ->
            db.transaction(
                    op,
                    tx ->
                        tx.read(
                                op,
                                R2dbcSql.SELECT_MESSAGE_CHANNEL_AND_PARENT,
                                2,
                                row ->
                                    new Placed(
                                        ChannelId.of(rows.uuid(row, "channel_id")),
                                        rows.optionalUuid(row, "parent_id")),
                                id.value())
                            .next()
                            .switchIfEmpty(
                                Mono.error(() -> new NotFoundException("no message " + id)))
                            .flatMap(
                                placed ->
                                    tx.write(op, R2dbcSql.LOCK_CHANNEL, placed.channel().value())
                                        .then(tx.write(op, R2dbcSql.PURGE_MESSAGE, id.value()))
                                        .flatMap(
                                            n ->
                                                n == 0
                                                    ? Mono.error(
                                                        new NotFoundException("no message " + id))
                                                    : Mono.just(n))
                                        .then(
                                            placed.parent() == null
                                                ? Mono.empty()
                                                : tx.write(
                                                        op,
                                                        R2dbcSql.RECOUNT_THREAD,
                                                        placed.parent())
                                                    .then())
                                        .then(
                                            Mono.defer(
                                                () ->
                                                    R2dbcAuditStore.append(
                                                        tx,
                                                        op,
                                                        R2dbcStorage.now(clock),
                                                        placed.channel(),
                                                        Actor.from(ctx).orElse(null),
                                                        AuditAction.MESSAGE_PURGED,
                                                        null,
                                                        id,
                                                        "")))))
                .then());
  }

  /** Where a message sits: its channel and the root it replies to. */
  private record Placed(ChannelId channel, @Nullable UUID parent) {}

  @Override
  public Flux<Message> page(HistoryQuery query) {
    Checks.notNull(query, "query");
    return db.read(
        "MessageStore.page",
        query.direction() == Direction.FORWARD
            ? R2dbcSql.SELECT_PAGE_AFTER
            : R2dbcSql.SELECT_PAGE_BEFORE,
        query.limit() + 1,
        rows::message,
        query.channelId().value(),
        query.from(),
        query.includeDeleted(),
        query.limit());
  }

  @Override
  public Flux<Message> stream(ChannelId channel, long from, Direction direction) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(from, "from");
    Checks.notNull(direction, "direction");
    String sql =
        direction == Direction.FORWARD ? R2dbcSql.SELECT_LIVE_AFTER : R2dbcSql.SELECT_LIVE_BEFORE;
    return PagedStream.of(
        from,
        (cursor, limit) -> livePage("MessageStore.stream", sql, channel, cursor, limit),
        Message::seq,
        MAX_PAGE);
  }

  @Override
  public Flux<Message> follow(ChannelId channel, long after) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(after, "after");
    if (db.inTransaction()) {
      return Flux.error(
          new InvalidArgumentException("follow is not available inside a transaction"));
    }
    String op = "MessageStore.follow";
    // closing the storage ends followers with completion, even while a read is in flight
    return signal.completeOnClose(
        db.read(op, ChannelSql.EXISTS, 2, Rows::firstLong, channel.value())
            .next()
            .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + channel)))
            .thenMany(
                Follow.of(
                    after,
                    (cursor, limit) ->
                        livePage(op, R2dbcSql.SELECT_LIVE_AFTER, channel, cursor, limit),
                    Message::seq,
                    signal.changes(channel),
                    MAX_PAGE)));
  }

  private Flux<Message> livePage(String op, String sql, ChannelId channel, long cursor, int limit) {
    return db.read(op, sql, limit + 1, rows::message, channel.value(), cursor, limit);
  }

  @Override
  public Flux<Message> replies(MessageId parent, long afterSeq, int limit) {
    Checks.notNull(parent, "parent");
    Checks.notNegative(afterSeq, "afterSeq");
    Checks.limit(limit);
    return db.read(
        "MessageStore.replies",
        R2dbcSql.SELECT_REPLIES_AFTER,
        limit + 1,
        rows::message,
        parent.value(),
        afterSeq,
        limit);
  }

  @Override
  public Flux<MessageEdit> edits(MessageId message, long afterVersion, int limit) {
    Checks.notNull(message, "message");
    Checks.notNegative(afterVersion, "afterVersion");
    Checks.limit(limit);
    return db.read(
        "MessageStore.edits",
        R2dbcSql.SELECT_EDITS_AFTER,
        limit + 1,
        rows::messageEdit,
        message.value(),
        afterVersion,
        limit);
  }

  @Override
  public Flux<UnreadCount> unreadCounts(UserId user) {
    Checks.notNull(user, "user");
    return db.read(
        "MessageStore.unreadCounts",
        R2dbcSql.SELECT_UNREAD_COUNTS_OF_USER,
        Db.MAX_FETCH,
        rows::unreadCount,
        user.value());
  }

  @Override
  public Flux<Membership> readReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(seq, "seq");
    Checks.limit(limit);
    String op = "MessageStore.readReceipts";
    if (afterUser == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_READ_RECEIPTS_FIRST_PAGE,
          limit + 1,
          new MembershipSql(rows)::row,
          channel.value(),
          seq,
          limit);
    }
    return db.read(
        op,
        R2dbcSql.SELECT_READ_RECEIPTS_PAGE_AFTER,
        limit + 1,
        new MembershipSql(rows)::row,
        channel.value(),
        seq,
        afterUser.value(),
        limit);
  }

  @Override
  public Mono<Long> latestSeq(ChannelId channel) {
    Checks.notNull(channel, "channel");
    return db.read(
            "MessageStore.latestSeq", R2dbcSql.SELECT_LAST_SEQ, 2, Rows::firstLong, channel.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + channel)));
  }

  @Override
  public Mono<Long> markRead(ChannelId channel, UserId user, long seq) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNegative(seq, "seq");
    String op = "MessageStore.markRead";
    return db.transaction(
            op,
            tx ->
                tx.queryOne(op, advanceReadSeq, Rows::firstLong, channel.value(), user.value(), seq)
                    .switchIfEmpty(
                        Mono.error(
                            () ->
                                new NotFoundException(
                                    "user " + user + " is not a member of channel " + channel))))
        .next();
  }

  @Override
  public Mono<Long> unreadCount(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return db.read(
            "MessageStore.unreadCount",
            R2dbcSql.SELECT_UNREAD_COUNT,
            2,
            Rows::firstLong,
            channel.value(),
            user.value())
        .next()
        .switchIfEmpty(
            Mono.error(
                () ->
                    new NotFoundException(
                        "user " + user + " is not a member of channel " + channel)));
  }
}
