package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;

/**
 * The outcome of {@link MessageStore#post}: the stored message, and whether it was stored by this
 * call or by an earlier one with the same idempotency key. Immutable and thread-safe.
 *
 * @param message the stored message
 * @param replayed true when an earlier post with the same key and payload stored it
 */
public record PostResult(Message message, boolean replayed) {

  /**
   * Validates the fields.
   *
   * @param message the message
   * @param replayed whether replayed
   */
  public PostResult {
    Checks.notNull(message, "message");
  }
}
