package dev.chatstore.app.messages;

import dev.chatstore.storage.Message;
import dev.chatstore.storage.ReactionSummary;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message (or the tombstone of a deleted one) as the API shows it.
 *
 * @param id the id
 * @param channelId the channel
 * @param seq the position in the channel
 * @param cursor the opaque cursor of this position (for {@code after}, {@code before} and {@code
 *     Last-Event-ID})
 * @param authorId the author
 * @param body the text; empty for a tombstone
 * @param parentId the message replied to, or null
 * @param createdAt when posted
 * @param editedAt when last edited, or null
 * @param deletedAt when deleted, or null
 * @param version the version (also the ETag)
 * @param replyCount how many replies this message has (a thread root), tombstones included
 * @param lastReplyAt when the newest reply was posted, or null
 * @param reactions the reactions, most used first
 */
public record MessageView(
    String id,
    String channelId,
    long seq,
    String cursor,
    String authorId,
    String body,
    @Nullable String parentId,
    Instant createdAt,
    @Nullable Instant editedAt,
    @Nullable Instant deletedAt,
    long version,
    long replyCount,
    @Nullable Instant lastReplyAt,
    List<ReactionView> reactions) {

  /**
   * The view of a message without reactions.
   *
   * @param m the message
   * @param cursor its cursor
   * @return the view
   */
  public static MessageView of(Message m, String cursor) {
    return of(m, cursor, List.of());
  }

  /**
   * The view of a message.
   *
   * @param m the message
   * @param cursor its cursor
   * @param reactions its reaction summaries
   * @return the view
   */
  public static MessageView of(Message m, String cursor, List<ReactionSummary> reactions) {
    return new MessageView(
        m.id().toString(),
        m.channelId().toString(),
        m.seq(),
        cursor,
        m.authorId().toString(),
        m.body(),
        m.parentId() == null ? null : m.parentId().toString(),
        m.createdAt(),
        m.editedAt(),
        m.deletedAt(),
        m.version(),
        m.replyCount(),
        m.lastReplyAt(),
        reactions.stream().map(ReactionView::of).toList());
  }
}
