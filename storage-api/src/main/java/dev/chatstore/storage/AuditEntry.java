package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited change of a channel, written in the same transaction as the change. Immutable and
 * thread-safe.
 *
 * @param id the id (time-ordered)
 * @param channelId the channel
 * @param actorId who made the change ({@link Actor}), or null when the caller named none (such as
 *     the retention job)
 * @param action what changed
 * @param targetUserId the member concerned, or null
 * @param targetMessageId the message concerned, or null
 * @param detail a short machine-readable detail, such as {@code role=ADMIN} or {@code
 *     name=general}; possibly empty
 * @param at when the change committed
 */
public record AuditEntry(
    AuditId id,
    ChannelId channelId,
    @Nullable UserId actorId,
    AuditAction action,
    @Nullable UserId targetUserId,
    @Nullable MessageId targetMessageId,
    String detail,
    Instant at) {

  /**
   * Validates the fields.
   *
   * @param id the id
   * @param channelId the channel
   * @param actorId the actor or null
   * @param action the action
   * @param targetUserId the member or null
   * @param targetMessageId the message or null
   * @param detail the detail
   * @param at the time
   */
  public AuditEntry {
    Checks.notNull(id, "id");
    Checks.notNull(channelId, "channelId");
    Checks.notNull(action, "action");
    Checks.notNull(detail, "detail");
    at = Checks.micros(Checks.notNull(at, "at"));
  }
}
