package dev.chatstore.app.channels;

import dev.chatstore.storage.AuditEntry;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An audit entry as the API shows it.
 *
 * @param id the id
 * @param channelId the channel
 * @param actorId who made the change, or null (such as the retention job)
 * @param action what changed, such as {@code member_added} or {@code message_deleted}
 * @param targetUserId the member concerned, or null
 * @param targetMessageId the message concerned, or null
 * @param detail a short machine-readable detail such as {@code role=ADMIN}; possibly empty
 * @param at when the change committed
 */
public record AuditView(
    String id,
    String channelId,
    @Nullable String actorId,
    String action,
    @Nullable String targetUserId,
    @Nullable String targetMessageId,
    String detail,
    Instant at) {

  /**
   * The view of an entry.
   *
   * @param e the entry
   * @return the view
   */
  public static AuditView of(AuditEntry e) {
    return new AuditView(
        e.id().toString(),
        e.channelId().toString(),
        e.actorId() == null ? null : e.actorId().toString(),
        ChannelView.lower(e.action().name()),
        e.targetUserId() == null ? null : e.targetUserId().toString(),
        e.targetMessageId() == null ? null : e.targetMessageId().toString(),
        e.detail(),
        e.at());
  }
}
