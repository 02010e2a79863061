package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractReadStateStore;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.MembershipSql;
import dev.chatstore.storage.r2dbc.internal.ReadStateSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ReadStateStore} over R2DBC: the hooks of {@link
 * AbstractReadStateStore}, one statement each; a mark-read is one conditional update that applies
 * {@link AbstractReadStateStore#clamp} in SQL. Thread-safe.
 */
public final class R2dbcReadStateStore extends AbstractReadStateStore {

  private final Db db;
  private final Rows rows;
  private final MembershipSql members;
  private final ReadStateSql sql;
  private final String advanceReadSeq;

  R2dbcReadStateStore(Db db, Rows rows) {
    this.db = db;
    this.rows = rows;
    this.members = new MembershipSql(rows);
    this.sql = new ReadStateSql(rows);
    this.advanceReadSeq = db.dialect().returning(ReadStateSql.ADVANCE_READ_SEQ, "read_seq");
  }

  @Override
  protected Mono<Long> advanceReadSeq(ChannelId channel, UserId user, long seq) {
    String op = "ReadStateStore.markRead";
    return db.transaction(
            op,
            tx ->
                tx.queryOne(
                    op, advanceReadSeq, Rows::firstLong, channel.value(), user.value(), seq))
        .next();
  }

  @Override
  protected Mono<UnreadCount> selectReadState(ChannelId channel, UserId user) {
    return db.read(
            "ReadStateStore.unreadCount",
            ReadStateSql.SELECT,
            2,
            sql::row,
            channel.value(),
            user.value())
        .next();
  }

  @Override
  protected Flux<UnreadCount> selectUnreadCounts(UserId user) {
    return db.read(
        "ReadStateStore.unreadCounts",
        ReadStateSql.SELECT_OF_USER,
        Db.MAX_FETCH,
        sql::row,
        user.value());
  }

  @Override
  protected Flux<Membership> selectReadReceipts(
      ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
    String op = "ReadStateStore.readReceipts";
    if (afterUser == null) {
      return db.read(
          op,
          ReadStateSql.SELECT_RECEIPTS_FIRST_PAGE,
          limit + 1,
          members::row,
          channel.value(),
          seq,
          limit);
    }
    return db.read(
        op,
        ReadStateSql.SELECT_RECEIPTS_PAGE_AFTER,
        limit + 1,
        members::row,
        channel.value(),
        seq,
        afterUser.value(),
        limit);
  }
}
