package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractReadStateStore;
import dev.chatstore.storage.sqlite.internal.MembershipSql;
import dev.chatstore.storage.sqlite.internal.ReadStateSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ReadStateStore} on SQLite: the hooks of {@link
 * AbstractReadStateStore}; a mark-read is one writer closure that reads the state, applies {@link
 * AbstractReadStateStore#clamp} and writes only when the position moves. Thread-safe.
 */
public final class SqliteReadStateStore extends AbstractReadStateStore {

  private final SqlExecutor db;

  SqliteReadStateStore(SqlExecutor db) {
    this.db = db;
  }

  @Override
  protected Mono<Long> advanceReadSeq(ChannelId channel, UserId user, long seq) {
    return db.write(
        "ReadStateStore.markRead",
        w -> {
          UnreadCount state =
              one(w.connection(), ReadStateSql.SELECT, ReadStateSql::row, channel, user);
          if (state == null) {
            return null;
          }
          long target = clamp(state.readSeq(), seq, state.lastSeq());
          if (target != state.readSeq()) {
            execute(w.connection(), ReadStateSql.UPDATE_READ_SEQ, target, channel, user);
          }
          return target;
        });
  }

  @Override
  protected Mono<UnreadCount> selectReadState(ChannelId channel, UserId user) {
    return db.read(
        "ReadStateStore.unreadCount",
        c -> one(c, ReadStateSql.SELECT, ReadStateSql::row, channel, user));
  }

  @Override
  protected Flux<UnreadCount> selectUnreadCounts(UserId user) {
    return db.read(
            "ReadStateStore.unreadCounts",
            c -> list(c, ReadStateSql.SELECT_OF_USER, ReadStateSql::row, user))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Flux<Membership> selectReadReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
    String after = afterUser == null ? "" : afterUser.toString();
    return db.read(
            "ReadStateStore.readReceipts",
            c ->
                list(
                    c,
                    ReadStateSql.SELECT_RECEIPTS_AFTER,
                    MembershipSql::row,
                    channel,
                    seq,
                    after,
                    limit))
        .flatMapIterable(rows -> rows);
  }
}
