package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractMessageStore;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.Editing;
import dev.chatstore.storage.internal.Posting;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.EditSql;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.MessageSql;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.ThreadSql;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.MessageStore} over R2DBC: the hooks of {@link AbstractMessageStore},
 * each write one statement chain. Positions come from {@code channels.last_seq}, incremented under
 * the channel's row lock in the posting transaction (PostgreSQL: one statement, {@link
 * MessageSql#APPEND}); pages and streams read by keyset on {@code (channel_id, seq)}.
 *
 * <p>Threads: a reply bumps its root's counters ({@code message_threads}) in its own transaction,
 * after taking the channel's row lock (the position increment); purging takes the same lock and
 * recounts the root from its remaining replies. Every change of a thread's counters is therefore
 * serialized by the channel's lock, and the counters stay exact under concurrent replies. Edits
 * lock the message row; deletes and purges write their audit entry in their own transaction.
 * Thread-safe.
 */
public final class R2dbcMessageStore extends AbstractMessageStore {

  private static final String POST = "MessageStore.post";

  private final Db db;
  private final Rows rows;
  private final MessageSql sql;
  private final EditSql edits;
  private final ChangeFeed signal;
  private final String lockForEdit;
  private final String upsertThreadReply;

  R2dbcMessageStore(Db db, Rows rows, Clock clock, ChangeFeed signal) {
    super(clock, signal);
    this.db = db;
    this.rows = rows;
    this.sql = new MessageSql(rows);
    this.edits = new EditSql(rows);
    this.signal = signal;
    this.lockForEdit = db.dialect().forUpdate(MessageSql.SELECT_FOR_EDIT);
    this.upsertThreadReply = db.dialect().upsertThreadReply();
  }

  @Override
  protected Mono<PostResult> appendMessage(Posting posting) {
    NewMessage message = posting.message();
    // the replay check reads committed state; the append is one atomic step
    Mono<PostResult> attempt =
        replay(posting)
            .switchIfEmpty(
                Mono.defer(
                    () ->
                        (message.parentId() == null
                                ? insert(db, posting)
                                : db.transaction(POST, tx -> insertReply(tx, posting)).next())
                            .map(posting::inserted)));
    if (message.clientTxnId() == null) {
      return attempt;
    }
    // a concurrent post with the same key committed first: answer as a replay would
    return attempt.onErrorResume(
        e -> !db.inTransaction() && Errors.isDuplicateOf(e, "ux_messages_author_txn"),
        e -> replay(posting).switchIfEmpty(Mono.error(e)));
  }

  private Mono<PostResult> replay(Posting posting) {
    NewMessage message = posting.message();
    if (message.clientTxnId() == null) {
      return Mono.empty();
    }
    return db.read(
            POST,
            MessageSql.SELECT_BY_CLIENT_TXN,
            2,
            sql::keyed,
            message.authorId().value(),
            message.clientTxnId())
        .next()
        .map(earlier -> posting.replayOf(earlier.message(), earlier.fingerprint()));
  }

  /**
   * A reply, in one transaction: the append takes the channel's row lock, under which the parent is
   * checked (a purge of it would need the same lock) and its thread counters bumped.
   */
  private Mono<Long> insertReply(Db tx, Posting posting) {
    UUID parent = posting.message().parentId().value();
    return insert(tx, posting)
        .flatMap(
            seq ->
                tx.read(
                        POST,
                        MessageSql.SELECT_CHANNEL_OF,
                        2,
                        row -> Optional.of(ChannelId.of(rows.uuid(row, "channel_id"))),
                        parent)
                    .next()
                    .defaultIfEmpty(Optional.empty())
                    .doOnNext(channel -> posting.requireParentIn(channel.orElse(null)))
                    .then(tx.write(POST, upsertThreadReply, parent, posting.now()))
                    .thenReturn(seq));
  }

  private Mono<Long> insert(Db tx, Posting posting) {
    NewMessage message = posting.message();
    MessageId parent = message.parentId();
    Object[] row = {
      posting.id().value(),
      message.channelId().value(),
      message.authorId().value(),
      message.body(),
      orNull(parent == null ? null : parent.value(), UUID.class),
      orNull(message.clientTxnId(), String.class),
      posting.now(),
      orNull(posting.fingerprint(), String.class)
    };
    return tx.dialect()
        .appendMessage(tx, row, message.channelId(), signal)
        .switchIfEmpty(Mono.error(posting::channelNotFound));
  }

  @Override
  protected Mono<Message> selectMessage(MessageId id) {
    return selectById(db, "MessageStore.findById", id);
  }

  private Mono<Message> selectById(Db tx, String op, MessageId id) {
    return tx.read(op, MessageSql.SELECT_BY_ID, 2, sql::row, id.value()).next();
  }

  @Override
  protected Mono<Message> updateMessageBody(Editing editing) {
    String op = "MessageStore.edit";
    UUID id = editing.id().value();
    return db.transaction(
            op,
            tx ->
                tx.queryOne(op, lockForEdit, row -> Optional.of(sql.editState(row)), id)
                    .defaultIfEmpty(Optional.empty())
                    .map(state -> editing.check(state.orElse(null)))
                    .flatMap(
                        previous ->
                            tx.write(op, EditSql.INSERT, EditSql.values(previous))
                                .then(
                                    tx.write(
                                        op,
                                        MessageSql.UPDATE_BODY,
                                        id,
                                        editing.body(),
                                        editing.now()))
                                .then(selectById(tx, op, editing.id()))))
        .next();
  }

  @Override
  protected Mono<Message> tombstoneMessage(MessageId id, @Nullable UserId actor, Instant now) {
    String op = "MessageStore.delete";
    return db.transaction(
            op,
            tx ->
                tx.write(op, MessageSql.TOMBSTONE, id.value(), now)
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
                                                        op, EditSql.DELETE_OF_MESSAGE, id.value()))
                                                .then(
                                                    R2dbcAuditStore.append(
                                                        tx,
                                                        op,
                                                        now,
                                                        tombstone.channelId(),
                                                        actor,
                                                        AuditAction.MESSAGE_DELETED,
                                                        null,
                                                        id,
                                                        ""))
                                                .thenReturn(tombstone))))
        .next();
  }

  @Override
  protected Mono<Long> deleteMessage(MessageId id, @Nullable UserId actor, Instant now) {
    String op = "MessageStore.purge";
    return db.transaction(
            op,
            tx ->
                tx.read(
                        op,
                        MessageSql.SELECT_PLACE_OF,
                        2,
                        row ->
                            new Placed(
                                ChannelId.of(rows.uuid(row, "channel_id")),
                                rows.optionalUuid(row, "parent_id")),
                        id.value())
                    .next()
                    .flatMap(placed -> purge(tx, op, id, placed, actor, now))
                    .defaultIfEmpty(0L))
        .next();
  }

  /** Purges a placed message under its channel's lock, recounting its root. */
  private Mono<Long> purge(
      Db tx, String op, MessageId id, Placed placed, @Nullable UserId actor, Instant now) {
    return tx.write(op, R2dbcSql.LOCK_CHANNEL, placed.channel().value())
        .then(tx.write(op, MessageSql.PURGE, id.value()))
        .flatMap(
            purged ->
                purged == 0
                    ? Mono.just(0L)
                    : (placed.parent() == null
                            ? Mono.<Long>empty()
                            : tx.write(op, ThreadSql.RECOUNT, placed.parent()))
                        .then(
                            R2dbcAuditStore.append(
                                tx,
                                op,
                                now,
                                placed.channel(),
                                actor,
                                AuditAction.MESSAGE_PURGED,
                                null,
                                id,
                                ""))
                        .thenReturn(purged));
  }

  /** Where a message sits: its channel and the root it replies to. */
  private record Placed(ChannelId channel, @Nullable UUID parent) {}

  @Override
  protected Flux<Message> selectPage(HistoryQuery q, PageRead read) {
    boolean forward = q.direction() == Direction.FORWARD;
    if (read == PageRead.PAGE || q.includeDeleted()) {
      return db.read(
          read.operation(),
          forward ? MessageSql.SELECT_PAGE_AFTER : MessageSql.SELECT_PAGE_BEFORE,
          q.limit() + 1,
          sql::row,
          q.channelId().value(),
          q.from(),
          q.includeDeleted(),
          q.limit());
    }
    // streams and follows without tombstones: the statements without the flag
    return db.read(
        read.operation(),
        forward ? MessageSql.SELECT_LIVE_AFTER : MessageSql.SELECT_LIVE_BEFORE,
        q.limit() + 1,
        sql::row,
        q.channelId().value(),
        q.from(),
        q.limit());
  }

  @Override
  protected Flux<Message> selectReplies(MessageId parent, long afterSeq, int limit) {
    return db.read(
        "MessageStore.replies",
        MessageSql.SELECT_REPLIES_AFTER,
        limit + 1,
        sql::row,
        parent.value(),
        afterSeq,
        limit);
  }

  @Override
  protected Flux<MessageEdit> selectEdits(MessageId message, long afterVersion, int limit) {
    return db.read(
        "MessageStore.edits",
        EditSql.SELECT_AFTER,
        limit + 1,
        edits::row,
        message.value(),
        afterVersion,
        limit);
  }

  @Override
  protected Mono<Long> selectLastSeq(ChannelId channel) {
    return db.read(
            "MessageStore.latestSeq",
            MessageSql.SELECT_LAST_SEQ,
            2,
            Rows::firstLong,
            channel.value())
        .next();
  }

  @Override
  protected boolean inTransaction() {
    return db.inTransaction();
  }
}
