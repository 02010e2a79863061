package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

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
import dev.chatstore.storage.internal.MessageRules;
import dev.chatstore.storage.internal.Posting;
import dev.chatstore.storage.sqlite.internal.Columns;
import dev.chatstore.storage.sqlite.internal.EditSql;
import dev.chatstore.storage.sqlite.internal.MessageSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import dev.chatstore.storage.sqlite.internal.ThreadSql;
import dev.chatstore.storage.sqlite.internal.WriteContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.MessageStore} on SQLite: the hooks of {@link AbstractMessageStore},
 * each write one closure on the single writer (so group commit keeps one savepoint per call).
 *
 * <p>A post takes the channel's next position with {@code UPDATE channels SET last_seq = last_seq +
 * 1 ... RETURNING} in the posting write; the single writer serialises posts, so positions are
 * unique, gap-free at assignment and committed in order. Followers are woken by an in-process
 * signal after each commit, so only writes through the same {@code Storage} wake them (one process
 * owns the file). Thread-safe.
 */
public final class SqliteMessageStore extends AbstractMessageStore {

  private final SqlExecutor db;

  SqliteMessageStore(SqlExecutor db, Clock clock, ChangeFeed signal) {
    super(clock, signal);
    this.db = db;
  }

  @Override
  protected Mono<PostResult> appendMessage(Posting posting) {
    return db.write("MessageStore.post", w -> append(w, posting));
  }

  private static PostResult append(WriteContext w, Posting posting) throws SQLException {
    Connection c = w.connection();
    NewMessage message = posting.message();
    if (message.clientTxnId() != null) {
      MessageRules.Keyed earlier =
          one(
              c,
              MessageSql.SELECT_BY_CLIENT_TXN,
              MessageSql::keyed,
              message.authorId(),
              message.clientTxnId());
      if (earlier != null) {
        return posting.replayOf(earlier.message(), earlier.fingerprint());
      }
    }
    Long seq =
        one(c, MessageSql.NEXT_SEQ, rs -> Columns.number(rs, "last_seq"), message.channelId());
    if (seq == null) {
      throw posting.channelNotFound();
    }
    MessageId parent = message.parentId();
    if (parent != null) {
      UUID channel =
          one(c, MessageSql.SELECT_CHANNEL_OF, rs -> Columns.uuid(rs, "channel_id"), parent);
      posting.requireParentIn(channel == null ? null : ChannelId.of(channel));
    }
    Message stored = posting.at(seq);
    execute(
        c,
        MessageSql.INSERT,
        stored.id(),
        stored.channelId(),
        seq,
        stored.authorId(),
        stored.body(),
        orNull(parent),
        orNull(stored.clientTxnId()),
        stored.createdAt(),
        orNull(posting.fingerprint()));
    if (parent != null) {
      // counted in the reply's own write, so the count is exact under concurrent replies
      execute(c, ThreadSql.UPSERT_REPLY, parent, stored.createdAt());
    }
    w.touched(stored.channelId());
    return new PostResult(stored, false);
  }

  @Override
  protected Mono<Message> selectMessage(MessageId id) {
    return db.read(
        "MessageStore.findById", c -> one(c, MessageSql.SELECT_BY_ID, MessageSql::row, id));
  }

  @Override
  protected Mono<Message> updateMessageBody(Editing editing) {
    return db.write(
        "MessageStore.edit",
        w -> {
          Connection c = w.connection();
          Message current = one(c, MessageSql.SELECT_BY_ID, MessageSql::row, editing.id());
          MessageEdit previous =
              editing.check(current == null ? null : MessageRules.EditState.of(current));
          execute(c, EditSql.INSERT, EditSql.values(previous));
          execute(c, MessageSql.UPDATE_BODY, editing.body(), editing.now(), editing.id());
          return one(c, MessageSql.SELECT_BY_ID, MessageSql::row, editing.id());
        });
  }

  @Override
  protected Mono<Message> tombstoneMessage(MessageId id, @Nullable UserId actor, Instant now) {
    return db.write(
        "MessageStore.delete",
        w -> {
          Connection c = w.connection();
          int changed = execute(c, MessageSql.TOMBSTONE, now, id);
          Message tombstone = one(c, MessageSql.SELECT_BY_ID, MessageSql::row, id);
          if (changed > 0 && tombstone != null) {
            execute(c, SqliteSql.DELETE_MESSAGE_REACTIONS, id);
            execute(c, EditSql.DELETE_OF_MESSAGE, id);
            SqliteAuditStore.append(
                c, now, tombstone.channelId(), actor, AuditAction.MESSAGE_DELETED, null, id, "");
          }
          return tombstone;
        });
  }

  @Override
  protected Mono<Long> deleteMessage(MessageId id, @Nullable UserId actor, Instant now) {
    return db.write("MessageStore.purge", w -> purgeRow(w.connection(), id, actor, now) ? 1L : 0L);
  }

  /**
   * Purges one message in the current write: deletes the row (its reactions, edit history and
   * thread counters go by ON DELETE CASCADE, its search entry by trigger), recounts its root from
   * the remaining replies when it is a reply, and audits the purge.
   *
   * @return false when there is no such message
   */
  static boolean purgeRow(Connection c, MessageId id, @Nullable UserId actor, Instant now)
      throws SQLException {
    Object[] place =
        one(
            c,
            MessageSql.SELECT_PLACE_OF,
            rs ->
                new Object[] {
                  ChannelId.of(Columns.uuid(rs, "channel_id")),
                  Columns.optionalUuid(rs, "parent_id")
                },
            id);
    if (place == null) {
      return false;
    }
    execute(c, MessageSql.DELETE, id);
    if (place[1] != null) {
      execute(c, ThreadSql.RECOUNT, place[1]);
    }
    SqliteAuditStore.append(
        c, now, (ChannelId) place[0], actor, AuditAction.MESSAGE_PURGED, null, id, "");
    return true;
  }

  @Override
  protected Flux<Message> selectPage(HistoryQuery q, PageRead read) {
    String sql =
        q.direction() == Direction.FORWARD
            ? MessageSql.SELECT_PAGE_AFTER
            : MessageSql.SELECT_PAGE_BEFORE;
    return db.read(
            read.operation(),
            c ->
                list(
                    c,
                    sql,
                    MessageSql::row,
                    q.channelId(),
                    q.from(),
                    q.includeDeleted(),
                    q.limit()))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Flux<Message> selectReplies(MessageId parent, long afterSeq, int limit) {
    return db.read(
            "MessageStore.replies",
            c -> list(c, MessageSql.SELECT_REPLIES_AFTER, MessageSql::row, parent, afterSeq, limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Flux<MessageEdit> selectEdits(MessageId message, long afterVersion, int limit) {
    return db.read(
            "MessageStore.edits",
            c -> list(c, EditSql.SELECT_AFTER, EditSql::row, message, afterVersion, limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Mono<Long> selectLastSeq(ChannelId channel) {
    return db.read(
        "MessageStore.latestSeq",
        c -> one(c, MessageSql.SELECT_LAST_SEQ, rs -> Columns.number(rs, "last_seq"), channel));
  }

  @Override
  protected boolean inTransaction() {
    return db.transactional();
  }
}
