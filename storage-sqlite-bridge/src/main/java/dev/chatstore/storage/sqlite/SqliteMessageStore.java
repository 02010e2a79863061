package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

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
import dev.chatstore.storage.sqlite.internal.MembershipSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link MessageStore} on SQLite.
 *
 * <p>A post takes the channel's next position with {@code UPDATE channels SET last_seq = last_seq +
 * 1 ... RETURNING} in the posting transaction; the single writer serialises posts, so positions are
 * unique, gap-free at assignment and committed in order. Followers are woken by an in-process
 * signal after each commit, so only writes through the same {@code Storage} wake them (one process
 * owns the file). Thread-safe.
 */
public final class SqliteMessageStore implements MessageStore {

  private static final int MAX_PAGE = Checks.MAX_LIMIT;

  private final SqlExecutor db;
  private final Clock clock;
  private final ChangeFeed signal;

  SqliteMessageStore(SqlExecutor db, Clock clock, ChangeFeed signal) {
    this.db = db;
    this.clock = clock;
    this.signal = signal;
  }

  @Override
  public Mono<PostResult> post(NewMessage message) {
    Checks.notNull(message, "message");
    return db.write(
        "MessageStore.post",
        w -> {
          if (message.clientTxnId() != null) {
            Message earlier =
                one(
                    w.connection(),
                    SqliteSql.SELECT_MESSAGE_BY_TXN,
                    SqliteRows::message,
                    message.authorId(),
                    message.clientTxnId());
            if (earlier != null) {
              if (message.samePayloadAs(earlier)) {
                return new PostResult(earlier, true);
              }
              throw new ConflictException(
                  ConflictException.Reason.IDEMPOTENCY_MISMATCH,
                  "idempotency key '"
                      + Checks.clip(message.clientTxnId())
                      + "' was already used by this author with another payload");
            }
          }
          Long seq =
              one(w.connection(), SqliteSql.NEXT_SEQ, rs -> rs.getLong(1), message.channelId());
          if (seq == null) {
            throw new NotFoundException("channel " + message.channelId() + " not found");
          }
          if (message.parentId() != null) {
            String parentChannel =
                one(
                    w.connection(),
                    SqliteSql.SELECT_MESSAGE_CHANNEL,
                    rs -> rs.getString(1),
                    message.parentId());
            if (parentChannel == null || !parentChannel.equals(message.channelId().toString())) {
              throw new InvalidArgumentException(
                  "parent message "
                      + message.parentId()
                      + " does not exist in channel "
                      + message.channelId());
            }
          }
          Instant now = SqliteRows.now(clock);
          Message stored =
              new Message(
                  MessageId.generate(),
                  message.channelId(),
                  seq,
                  message.authorId(),
                  message.body(),
                  message.parentId(),
                  message.clientTxnId(),
                  now,
                  null,
                  null,
                  1);
          execute(
              w.connection(),
              SqliteSql.INSERT_MESSAGE,
              stored.id(),
              stored.channelId(),
              seq,
              stored.authorId(),
              stored.body(),
              orNull(stored.parentId()),
              orNull(stored.clientTxnId()),
              now);
          if (stored.parentId() != null) {
            // counted in the reply's own write, so the count is exact under concurrent replies
            execute(w.connection(), SqliteSql.UPSERT_THREAD_REPLY, stored.parentId(), now);
          }
          w.touched(stored.channelId());
          return new PostResult(stored, false);
        });
  }

  @Override
  public Mono<Message> findById(MessageId id) {
    Checks.notNull(id, "id");
    return db.read(
        "MessageStore.findById",
        c -> one(c, SqliteSql.SELECT_MESSAGE_BY_ID, SqliteRows::message, id));
  }

  @Override
  public Mono<Message> edit(MessageId id, long expectedVersion, String body) {
    Checks.notNull(id, "id");
    Checks.version(expectedVersion);
    String checked = NewMessage.body(body);
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              "MessageStore.edit",
              w -> {
                Message current =
                    one(w.connection(), SqliteSql.SELECT_MESSAGE_BY_ID, SqliteRows::message, id);
                if (current == null) {
                  throw new NotFoundException("message " + id + " not found");
                }
                if (current.deleted()) {
                  throw new ConflictException(
                      ConflictException.Reason.STATE, "message " + id + " is deleted");
                }
                if (current.version() != expectedVersion) {
                  throw new ConflictException(
                      ConflictException.Reason.VERSION_MISMATCH,
                      "message "
                          + id
                          + " is at version "
                          + current.version()
                          + ", not "
                          + expectedVersion);
                }
                Instant now = SqliteRows.now(clock);
                execute(
                    w.connection(),
                    SqliteSql.INSERT_MESSAGE_EDIT,
                    id,
                    current.version(),
                    current.body(),
                    actor != null ? actor : current.authorId(),
                    now);
                return one(
                    w.connection(),
                    SqliteSql.UPDATE_MESSAGE_BODY,
                    SqliteRows::message,
                    checked,
                    now,
                    id);
              });
        });
  }

  @Override
  public Mono<Message> delete(MessageId id) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.write(
              "MessageStore.delete",
              w -> {
                Instant now = SqliteRows.now(clock);
                Message tombstone =
                    one(
                        w.connection(),
                        SqliteSql.UPDATE_MESSAGE_TOMBSTONE,
                        SqliteRows::message,
                        now,
                        id);
                if (tombstone != null) {
                  execute(w.connection(), SqliteSql.DELETE_MESSAGE_REACTIONS, id);
                  execute(w.connection(), SqliteSql.DELETE_MESSAGE_EDITS, id);
                  SqliteAuditStore.append(
                      w.connection(),
                      now,
                      tombstone.channelId(),
                      actor,
                      AuditAction.MESSAGE_DELETED,
                      null,
                      id,
                      "");
                  return tombstone;
                }
                Message current =
                    one(w.connection(), SqliteSql.SELECT_MESSAGE_BY_ID, SqliteRows::message, id);
                if (current == null) {
                  throw new NotFoundException("message " + id + " not found");
                }
                return current;
              });
        });
  }

  @Override
  public Mono<Void> purge(MessageId id) {
    Checks.notNull(id, "id");
    return Mono.deferContextual(
        ctx -> {
          UserId actor = Actor.from(ctx).orElse(null);
          return db.<Void>write(
              "MessageStore.purge",
              w -> {
                if (!purgeRow(w.connection(), id, actor, SqliteRows.now(clock))) {
                  throw new NotFoundException("message " + id + " not found");
                }
                return null;
              });
        });
  }

  /**
   * Purges one message in the current write: uncounts it on its thread root, deletes the row (its
   * reactions, edit history and thread counters go by ON DELETE CASCADE, its search entry by
   * trigger) and audits the purge.
   *
   * @return false when there is no such message
   */
  static boolean purgeRow(Connection c, MessageId id, @Nullable UserId actor, Instant now)
      throws SQLException {
    String[] row =
        one(
            c,
            SqliteSql.SELECT_MESSAGE_FOR_PURGE,
            rs -> new String[] {rs.getString(2), rs.getString(3)},
            id);
    if (row == null) {
      return false;
    }
    ChannelId channel = ChannelId.parse(row[0]);
    if (row[1] != null) {
      MessageId parent = MessageId.parse(row[1]);
      execute(c, SqliteSql.UPDATE_THREAD_PURGED_REPLY, parent, id, parent);
    }
    execute(c, SqliteSql.DELETE_MESSAGE, id);
    SqliteAuditStore.append(c, now, channel, actor, AuditAction.MESSAGE_PURGED, null, id, "");
    return true;
  }

  @Override
  public Flux<Message> page(HistoryQuery query) {
    Checks.notNull(query, "query");
    return readPage(
            "MessageStore.page",
            query.channelId(),
            query.from(),
            query.direction(),
            query.limit(),
            query.includeDeleted())
        .flatMapIterable(rows -> rows);
  }

  private Mono<List<Message>> readPage(
      String operation,
      ChannelId channel,
      long from,
      Direction direction,
      int limit,
      boolean includeDeleted) {
    String sql =
        direction == Direction.FORWARD ? SqliteSql.SELECT_PAGE_AFTER : SqliteSql.SELECT_PAGE_BEFORE;
    return db.read(
        operation, c -> list(c, sql, SqliteRows::message, channel, from, includeDeleted, limit));
  }

  @Override
  public Flux<Message> stream(ChannelId channel, long from, Direction direction) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(from, "from");
    Checks.notNull(direction, "direction");
    return PagedStream.of(
        from,
        (cursor, limit) ->
            readPage("MessageStore.stream", channel, cursor, direction, limit, false)
                .flatMapIterable(rows -> rows),
        Message::seq,
        MAX_PAGE);
  }

  @Override
  public Flux<Message> follow(ChannelId channel, long after) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(after, "after");
    if (db.transactional()) {
      return Flux.error(
          new InvalidArgumentException("follow is not available inside a transaction"));
    }
    return signal.completeOnClose(
        latestSeq(channel)
            .thenMany(
                Follow.of(
                    after,
                    (cursor, limit) ->
                        readPage(
                                "MessageStore.follow",
                                channel,
                                cursor,
                                Direction.FORWARD,
                                limit,
                                false)
                            .flatMapIterable(rows -> rows),
                    Message::seq,
                    signal.changes(channel),
                    MAX_PAGE)));
  }

  @Override
  public Flux<Message> replies(MessageId parent, long afterSeq, int limit) {
    Checks.notNull(parent, "parent");
    Checks.notNegative(afterSeq, "afterSeq");
    Checks.limit(limit);
    return db.read(
            "MessageStore.replies",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_REPLIES_AFTER,
                    SqliteRows::message,
                    parent,
                    afterSeq,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Flux<MessageEdit> edits(MessageId message, long afterVersion, int limit) {
    Checks.notNull(message, "message");
    Checks.notNegative(afterVersion, "afterVersion");
    Checks.limit(limit);
    return db.read(
            "MessageStore.edits",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_EDITS_AFTER,
                    SqliteRows::edit,
                    message,
                    afterVersion,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Flux<UnreadCount> unreadCounts(UserId user) {
    Checks.notNull(user, "user");
    return db.read(
            "MessageStore.unreadCounts",
            c -> list(c, SqliteSql.SELECT_UNREAD_COUNTS, SqliteRows::unread, user))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Flux<Membership> readReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
    Checks.notNull(channel, "channel");
    Checks.notNegative(seq, "seq");
    Checks.limit(limit);
    String after = afterUser == null ? "" : afterUser.toString();
    return db.read(
            "MessageStore.readReceipts",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_READ_RECEIPTS_AFTER,
                    MembershipSql::row,
                    channel,
                    seq,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Mono<Long> latestSeq(ChannelId channel) {
    Checks.notNull(channel, "channel");
    return db.<Long>read(
            "MessageStore.latestSeq",
            c -> one(c, SqliteSql.SELECT_LAST_SEQ, rs -> rs.getLong(1), channel))
        .switchIfEmpty(
            Mono.error(() -> new NotFoundException("channel " + channel + " not found")));
  }

  @Override
  public Mono<Long> markRead(ChannelId channel, UserId user, long seq) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    Checks.notNegative(seq, "seq");
    return db.write(
        "MessageStore.markRead",
        w -> {
          long[] state =
              one(
                  w.connection(),
                  SqliteSql.SELECT_READ_STATE,
                  rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                  channel,
                  user);
          if (state == null) {
            throw new NotFoundException("user " + user + " is not a member of channel " + channel);
          }
          long target = Math.max(state[0], Math.min(seq, state[1]));
          if (target != state[0]) {
            execute(w.connection(), SqliteSql.UPDATE_READ_SEQ, target, channel, user);
          }
          return target;
        });
  }

  @Override
  public Mono<Long> unreadCount(ChannelId channel, UserId user) {
    Checks.notNull(channel, "channel");
    Checks.notNull(user, "user");
    return db.<Long>read(
            "MessageStore.unreadCount",
            c ->
                one(
                    c,
                    SqliteSql.SELECT_READ_STATE,
                    rs -> Math.max(0, rs.getLong(2) - rs.getLong(1)),
                    channel,
                    user))
        .switchIfEmpty(
            Mono.error(
                () ->
                    new NotFoundException(
                        "user " + user + " is not a member of channel " + channel)));
  }
}
