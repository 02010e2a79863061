package dev.chatstore.storage.internal;

import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One edit in progress, handed to a backend's {@link AbstractMessageStore#updateMessageBody} hook:
 * the checked input, the editor (the subscription's {@link dev.chatstore.storage.Actor}, or null
 * for the author) and the time, with the check of {@link MessageRules#checkEdit} the hook calls on
 * the state it read. Immutable.
 *
 * @param id the message
 * @param expectedVersion the version the caller expects, at least 1
 * @param body the new body, checked
 * @param editor the actor of the edit, or null
 * @param now the edit time
 */
public record Editing(
    MessageId id, long expectedVersion, String body, @Nullable UserId editor, Instant now) {

  /**
   * Checks the edit against the stored state and returns the history entry to keep.
   *
   * @param current the state read (under a lock or in the writer), or null when there is no such
   *     message
   * @return the previous body as an edit-history entry
   * @throws dev.chatstore.storage.NotFoundException when there is no such message
   * @throws dev.chatstore.storage.ConflictException when it is deleted or at another version
   */
  public MessageEdit check(MessageRules.@Nullable EditState current) {
    return MessageRules.checkEdit(id, current, expectedVersion, editor, now);
  }
}
