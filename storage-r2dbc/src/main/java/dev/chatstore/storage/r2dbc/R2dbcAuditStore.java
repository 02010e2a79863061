package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractAuditStore;
import dev.chatstore.storage.r2dbc.internal.AuditSql;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.AuditStore} over R2DBC: reads {@code audit_log} newest first by
 * keyset on its time-ordered id. The stores write entries with {@link #append}, on the connection
 * of the change they record. Thread-safe.
 */
public final class R2dbcAuditStore extends AbstractAuditStore {

  private final Db db;
  private final AuditSql sql;

  R2dbcAuditStore(Db db, Rows rows) {
    this.db = db;
    this.sql = new AuditSql(rows);
  }

  @Override
  protected Flux<AuditEntry> selectEntries(ChannelId channel, @Nullable AuditId before, int limit) {
    return before == null
        ? db.read(
            "AuditStore.page",
            AuditSql.SELECT_FIRST_PAGE,
            limit + 1,
            sql::row,
            channel.value(),
            limit)
        : db.read(
            "AuditStore.page",
            AuditSql.SELECT_PAGE_BEFORE,
            limit + 1,
            sql::row,
            channel.value(),
            before.value(),
            limit);
  }

  /**
   * Writes one entry ({@link AbstractAuditStore#newEntry}) in the transaction of the change it
   * records.
   *
   * @param tx the transaction
   * @param operation the store and method
   * @param now when the change commits
   * @param channel the channel
   * @param actor who acts, or null
   * @param action what changed
   * @param targetUser the member concerned, or null
   * @param targetMessage the message concerned, or null
   * @param detail the detail, possibly empty
   * @return a {@code Mono} that completes once written
   */
  static Mono<Void> append(
      Db tx,
      String operation,
      Instant now,
      ChannelId channel,
      @Nullable UserId actor,
      AuditAction action,
      @Nullable UserId targetUser,
      @Nullable MessageId targetMessage,
      String detail) {
    return append(
        tx, operation, newEntry(now, channel, actor, action, targetUser, targetMessage, detail));
  }

  /**
   * Writes one entry built by the shared store layer in the transaction of the change it records.
   *
   * @param tx the transaction
   * @param operation the store and method
   * @param entry the entry
   * @return a {@code Mono} that completes once written
   */
  static Mono<Void> append(Db tx, String operation, AuditEntry entry) {
    return tx.write(operation, AuditSql.INSERT, AuditSql.values(entry)).then();
  }
}
