package dev.chatstore.storage.internal;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The rules of {@link AuditStore}, written once: argument checks of the read, and the entry every
 * store appends ({@link #newEntry}: a new time-ordered id, the detail clipped to the column). The
 * entries themselves are written by the stores that make the changes, in the same unit of work.
 * Thread-safe when the hook is.
 */
public abstract class AbstractAuditStore implements AuditStore {

  /** The longest detail stored (the width of {@code audit_log.detail}), in characters. */
  public static final int MAX_DETAIL = 1000;

  /** For subclasses. */
  protected AbstractAuditStore() {}

  @Override
  public final Flux<AuditEntry> page(ChannelId channel, @Nullable AuditId before, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    return Flux.defer(() -> selectEntries(channel, before, limit));
  }

  /**
   * The entry a change appends: a new id, the detail clipped to {@value #MAX_DETAIL} characters
   * (never inside a surrogate pair).
   *
   * @param at when the change commits
   * @param channel the channel
   * @param actor who acts, or null
   * @param action what changed
   * @param targetUser the member concerned, or null
   * @param targetMessage the message concerned, or null
   * @param detail the detail, possibly empty
   * @return the entry to write
   */
  public static AuditEntry newEntry(
      Instant at,
      ChannelId channel,
      @Nullable UserId actor,
      AuditAction action,
      @Nullable UserId targetUser,
      @Nullable MessageId targetMessage,
      String detail) {
    return new AuditEntry(
        AuditId.generate(),
        channel,
        actor,
        action,
        targetUser,
        targetMessage,
        clip(Checks.notNull(detail, "detail")),
        at);
  }

  /**
   * Clips a detail to {@value #MAX_DETAIL} characters without splitting a surrogate pair.
   *
   * @param detail the detail
   * @return the detail, or its clipped start
   */
  static String clip(String detail) {
    if (detail.length() <= MAX_DETAIL) {
      return detail;
    }
    int end = MAX_DETAIL;
    if (Character.isHighSurrogate(detail.charAt(end - 1))) {
      end--;
    }
    return detail.substring(0, end);
  }

  /**
   * Reads a page of a channel's log, descending by id.
   *
   * @param channel the channel
   * @param before only ids below this one, or null for the newest
   * @param limit the most entries, 1 to 500
   * @return a {@code Flux} of at most {@code limit} entries
   */
  protected abstract Flux<AuditEntry> selectEntries(
      ChannelId channel, @Nullable AuditId before, int limit);
}
