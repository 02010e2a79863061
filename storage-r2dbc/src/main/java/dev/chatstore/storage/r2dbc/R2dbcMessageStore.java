package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.ChangeSignal;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.internal.Follow;
import dev.chatstore.storage.internal.PagedStream;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link MessageStore} over R2DBC. Positions come from {@code channels.last_seq}, incremented under
 * the channel's row lock in the posting transaction; pages and streams read by keyset on {@code
 * (channel_id, seq)}; follow re-reads the table after each wake-up. Thread-safe.
 */
public final class R2dbcMessageStore implements MessageStore {

  private static final int MAX_PAGE = Checks.MAX_LIMIT;

  private final Db db;
  private final Rows rows;
  private final Clock clock;
  private final ChangeSignal signal;
  private final String incrementSeq;
  private final String editReturning;
  private final String tombstoneReturning;
  private final String advanceReadSeq;

  R2dbcMessageStore(Db db, Rows rows, Clock clock, ChangeSignal signal) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
    this.signal = signal;
    this.incrementSeq = db.dialect().returning(R2dbcSql.INCREMENT_CHANNEL_SEQ, "last_seq");
    this.editReturning =
        db.dialect().returning(R2dbcSql.EDIT_MESSAGE_IF_VERSION, R2dbcSql.MESSAGE_COLUMNS);
    this.tombstoneReturning =
        db.dialect().returning(R2dbcSql.TOMBSTONE_MESSAGE, R2dbcSql.MESSAGE_COLUMNS);
    this.advanceReadSeq = db.dialect().returning(R2dbcSql.ADVANCE_READ_SEQ, "read_seq");
  }

  @Override
  public Mono<PostResult> post(NewMessage message) {
    Checks.notNull(message, "message");
    String op = "MessageStore.post";
    Mono<PostResult> insert =
        db.transaction(
                op,
                tx ->
                    replay(tx, message)
                        .switchIfEmpty(
                            Mono.defer(
                                () ->
                                    checkParent(tx, message)
                                        .then(insert(tx, message))
                                        .map(stored -> new PostResult(stored, false)))))
            .next();
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

  private Mono<Message> insert(Db tx, NewMessage message) {
    String op = "MessageStore.post";
    ChannelId channel = message.channelId();
    return tx.query(op, incrementSeq, 2, Rows::firstLong, channel.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + channel)))
        .flatMap(
            seq -> {
              Instant now = R2dbcStorage.now(clock);
              Message stored =
                  new Message(
                      MessageId.generate(),
                      channel,
                      seq,
                      message.authorId(),
                      message.body(),
                      message.parentId(),
                      message.clientTxnId(),
                      now,
                      null,
                      null,
                      1);
              MessageId parent = stored.parentId();
              return tx.write(
                      op,
                      R2dbcSql.INSERT_MESSAGE,
                      stored.id().value(),
                      channel.value(),
                      seq,
                      stored.authorId().value(),
                      stored.body(),
                      orNull(parent == null ? null : parent.value(), UUID.class),
                      orNull(stored.clientTxnId(), String.class),
                      now)
                  .then(tx.dialect().announceInTransaction(tx, channel))
                  .then(
                      Mono.fromRunnable(
                          () ->
                              tx.afterCommit(
                                  () -> tx.dialect().announceAfterCommit(signal, channel))))
                  .thenReturn(stored);
            });
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
    return db.transaction(
            op,
            tx ->
                tx.query(
                        op,
                        editReturning,
                        2,
                        rows::message,
                        id.value(),
                        expectedVersion,
                        checked,
                        R2dbcStorage.now(clock))
                    .next()
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                tx.read(
                                        op,
                                        R2dbcSql.SELECT_MESSAGE_BY_ID,
                                        2,
                                        rows::message,
                                        id.value())
                                    .next()
                                    .switchIfEmpty(
                                        Mono.error(() -> new NotFoundException("no message " + id)))
                                    .flatMap(
                                        stored ->
                                            Mono.error(
                                                stored.deleted()
                                                    ? new ConflictException(
                                                        ConflictException.Reason.STATE,
                                                        "message " + id + " is deleted")
                                                    : new ConflictException(
                                                        ConflictException.Reason.VERSION_MISMATCH,
                                                        "message "
                                                            + id
                                                            + " is at version "
                                                            + stored.version()
                                                            + ", not "
                                                            + expectedVersion))))))
        .next();
  }

  @Override
  public Mono<Message> delete(MessageId id) {
    Checks.notNull(id, "id");
    String op = "MessageStore.delete";
    return db.transaction(
            op,
            tx ->
                tx.query(
                        op,
                        tombstoneReturning,
                        2,
                        rows::message,
                        id.value(),
                        R2dbcStorage.now(clock))
                    .next()
                    .switchIfEmpty(
                        Mono.defer(
                            () ->
                                tx.read(
                                        op,
                                        R2dbcSql.SELECT_MESSAGE_BY_ID,
                                        2,
                                        rows::message,
                                        id.value())
                                    .next()
                                    .switchIfEmpty(
                                        Mono.error(
                                            () -> new NotFoundException("no message " + id))))))
        .next();
  }

  @Override
  public Mono<Void> purge(MessageId id) {
    Checks.notNull(id, "id");
    return R2dbcStorage.one(
        db.write("MessageStore.purge", R2dbcSql.PURGE_MESSAGE, id.value()),
        () -> "no message " + id);
  }

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
    return db.read(op, R2dbcSql.CHANNEL_EXISTS, 2, Rows::firstLong, channel.value())
        .next()
        .switchIfEmpty(Mono.error(() -> new NotFoundException("no channel " + channel)))
        .thenMany(
            Follow.of(
                after,
                (cursor, limit) -> livePage(op, R2dbcSql.SELECT_LIVE_AFTER, channel, cursor, limit),
                Message::seq,
                signal.changes(channel),
                MAX_PAGE));
  }

  private Flux<Message> livePage(String op, String sql, ChannelId channel, long cursor, int limit) {
    return db.read(op, sql, limit + 1, rows::message, channel.value(), cursor, limit);
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
                tx.query(op, advanceReadSeq, 2, Rows::firstLong, channel.value(), user.value(), seq)
                    .next()
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
