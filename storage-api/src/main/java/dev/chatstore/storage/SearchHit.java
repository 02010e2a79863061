package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;

/**
 * A message that matched a search. Immutable and thread-safe.
 *
 * @param message the message
 * @param score how well it matched, higher is better; comparable only within one query on one
 *     backend
 */
public record SearchHit(Message message, double score) {

  /**
   * Validates the fields.
   *
   * @param message the message
   * @param score the score
   */
  public SearchHit {
    Checks.notNull(message, "message");
    if (Double.isNaN(score) || Double.isInfinite(score)) {
      throw new IllegalArgumentException("score must be finite");
    }
  }
}
