package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link AuditStore} over R2DBC: reads {@code audit_log} newest first by keyset on its time-ordered
 * id. The stores write entries with {@link #append}, on the connection of the change they record.
 * Thread-safe.
 */
public final class R2dbcAuditStore implements AuditStore {

  /** The width of {@code audit_log.detail}. */
  private static final int MAX_DETAIL = 1000;

  private final Db db;
  private final Rows rows;

  R2dbcAuditStore(Db db, Rows rows) {
    this.db = db;
    this.rows = rows;
  }

  @Override
  public Flux<AuditEntry> page(ChannelId channel, @Nullable AuditId before, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    if (before == null) {
      return db.read(
          "AuditStore.page",
          R2dbcSql.SELECT_AUDIT_FIRST_PAGE,
          limit + 1,
          rows::auditEntry,
          channel.value(),
          limit);
    }
    return db.read(
        "AuditStore.page",
        R2dbcSql.SELECT_AUDIT_PAGE_BEFORE,
        limit + 1,
        rows::auditEntry,
        channel.value(),
        before.value(),
        limit);
  }

  /**
   * Writes one entry in the transaction of the change it records.
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
    return tx.write(
            operation,
            R2dbcSql.INSERT_AUDIT,
            values(now, channel, actor, action, targetUser, targetMessage, detail))
        .then();
  }

  /**
   * Writes one entry built by the shared store layer in the transaction of the change it records.
   *
   * @param tx the transaction
   * @param operation the store and method
   * @param entry the entry (written with a new id)
   * @return a {@code Mono} that completes once written
   */
  static Mono<Void> append(Db tx, String operation, AuditEntry entry) {
    return append(
        tx,
        operation,
        entry.at(),
        entry.channelId(),
        entry.actorId(),
        entry.action(),
        entry.targetUserId(),
        entry.targetMessageId(),
        entry.detail());
  }

  /**
   * The bound values of one entry of {@link R2dbcSql#INSERT_AUDIT}, with a new id.
   *
   * @param now when
   * @param channel the channel
   * @param actor the actor or null
   * @param action the action
   * @param targetUser the member or null
   * @param targetMessage the message or null
   * @param detail the detail
   * @return the values
   */
  static Object[] values(
      Instant now,
      ChannelId channel,
      @Nullable UserId actor,
      AuditAction action,
      @Nullable UserId targetUser,
      @Nullable MessageId targetMessage,
      String detail) {
    return new Object[] {
      AuditId.generate().value(),
      channel.value(),
      orNull(actor == null ? null : actor.value(), UUID.class),
      action.name(),
      orNull(targetUser == null ? null : targetUser.value(), UUID.class),
      orNull(targetMessage == null ? null : targetMessage.value(), UUID.class),
      detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL),
      now
    };
  }
}
