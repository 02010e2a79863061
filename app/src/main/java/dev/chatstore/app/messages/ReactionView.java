package dev.chatstore.app.messages;

import dev.chatstore.storage.ReactionSummary;

/**
 * How one emoji was used on a message, as the API shows it.
 *
 * @param emoji the reaction
 * @param count how many users reacted with it
 * @param me whether the caller is among them
 */
public record ReactionView(String emoji, long count, boolean me) {

  /**
   * The view of a summary.
   *
   * @param s the summary
   * @return the view
   */
  public static ReactionView of(ReactionSummary s) {
    return new ReactionView(s.emoji(), s.count(), s.reactedByViewer());
  }
}
