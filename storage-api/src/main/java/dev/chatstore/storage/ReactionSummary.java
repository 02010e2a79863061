package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;

/**
 * How one emoji was used on one message. Immutable and thread-safe.
 *
 * @param emoji the reaction
 * @param count how many users reacted with it, at least 1
 * @param reactedByViewer whether the viewer of the summary is among them
 */
public record ReactionSummary(String emoji, long count, boolean reactedByViewer) {

  /**
   * Validates the fields.
   *
   * @param emoji the reaction
   * @param count the number of users
   * @param reactedByViewer whether the viewer reacted
   */
  public ReactionSummary {
    Checks.notNull(emoji, "emoji");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
  }
}
