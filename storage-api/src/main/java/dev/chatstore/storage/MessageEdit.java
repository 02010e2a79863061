package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;

/**
 * A previous body of an edited message. Immutable and thread-safe.
 *
 * @param messageId the message
 * @param version the message version that carried this body
 * @param body the body as it was before the edit
 * @param editedBy who replaced it: the {@link Actor} of the edit, or the author when none was given
 * @param editedAt when it was replaced
 */
public record MessageEdit(
    MessageId messageId, long version, String body, UserId editedBy, Instant editedAt) {

  /**
   * Validates the fields.
   *
   * @param messageId the message
   * @param version the version
   * @param body the previous body
   * @param editedBy the editor
   * @param editedAt the edit time
   */
  public MessageEdit {
    Checks.notNull(messageId, "messageId");
    Checks.notNull(body, "body");
    Checks.notNull(editedBy, "editedBy");
    editedAt = Checks.micros(Checks.notNull(editedAt, "editedAt"));
  }
}
