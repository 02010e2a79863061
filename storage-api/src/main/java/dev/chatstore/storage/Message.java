package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored message, or the tombstone of a deleted one. Immutable and thread-safe.
 *
 * <p>A tombstone ({@link #deleted()}) keeps id, channel, position, author, parent and creation
 * time; its body is empty.
 *
 * @param id the id
 * @param channelId the channel
 * @param seq the position in the channel: 1 for the first message, then gap-free at assignment
 * @param authorId the author
 * @param body the text, empty for a tombstone
 * @param parentId the message this one replies to (same channel), or null
 * @param clientTxnId the author's idempotency key, or null
 * @param createdAt when it was posted
 * @param editedAt when the body last changed, or null
 * @param deletedAt when it was deleted, or null
 * @param version the optimistic-concurrency version, 1 at posting, one more per edit or delete
 * @param replyCount how many replies (messages whose {@code parentId} is this one) exist,
 *     tombstones included and purged replies not; exact under concurrent replies
 * @param lastReplyAt when the newest reply was posted, or null when there is none
 */
public record Message(
    MessageId id,
    ChannelId channelId,
    long seq,
    UserId authorId,
    String body,
    @Nullable MessageId parentId,
    @Nullable String clientTxnId,
    Instant createdAt,
    @Nullable Instant editedAt,
    @Nullable Instant deletedAt,
    long version,
    long replyCount,
    @Nullable Instant lastReplyAt) {

  /**
   * Validates the fields.
   *
   * @param id the id
   * @param channelId the channel
   * @param seq the position
   * @param authorId the author
   * @param body the body
   * @param parentId the parent or null
   * @param clientTxnId the idempotency key or null
   * @param createdAt the posting time
   * @param editedAt the last edit or null
   * @param deletedAt the deletion time or null
   * @param version the version
   * @param replyCount the number of replies
   * @param lastReplyAt the newest reply's time or null
   */
  public Message {
    Checks.notNull(id, "id");
    Checks.notNull(channelId, "channelId");
    Checks.notNull(authorId, "authorId");
    Checks.notNull(body, "body");
    createdAt = Checks.micros(Checks.notNull(createdAt, "createdAt"));
    editedAt = Checks.micros(editedAt);
    deletedAt = Checks.micros(deletedAt);
    Checks.notNegative(replyCount, "replyCount");
    lastReplyAt = Checks.micros(lastReplyAt);
  }

  /**
   * A message without replies.
   *
   * @param id the id
   * @param channelId the channel
   * @param seq the position
   * @param authorId the author
   * @param body the body
   * @param parentId the parent or null
   * @param clientTxnId the idempotency key or null
   * @param createdAt the posting time
   * @param editedAt the last edit or null
   * @param deletedAt the deletion time or null
   * @param version the version
   */
  public Message(
      MessageId id,
      ChannelId channelId,
      long seq,
      UserId authorId,
      String body,
      @Nullable MessageId parentId,
      @Nullable String clientTxnId,
      Instant createdAt,
      @Nullable Instant editedAt,
      @Nullable Instant deletedAt,
      long version) {
    this(
        id,
        channelId,
        seq,
        authorId,
        body,
        parentId,
        clientTxnId,
        createdAt,
        editedAt,
        deletedAt,
        version,
        0,
        null);
  }

  /**
   * Whether this is the tombstone of a deleted message.
   *
   * @return true when deleted
   */
  public boolean deleted() {
    return deletedAt != null;
  }
}
