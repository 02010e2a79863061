package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Emoji reactions to messages: unique per user, message and emoji.
 *
 * <p>An emoji is 1 to {@value #MAX_EMOJI} characters (code points) without whitespace or control
 * characters: a Unicode emoji sequence such as {@code 👍🏽} or a short code such as {@code
 * :party:}. Every method checks its arguments at call time and touches the database only on
 * subscription; errors are signalled as {@link StorageException}s; cancelling releases the
 * connection. Implementations are thread-safe.
 */
public interface ReactionStore {

  /** Longest emoji, in characters (code points). */
  int MAX_EMOJI = 64;

  /**
   * Adds a reaction. Adding the same reaction twice changes nothing.
   *
   * @param message the message
   * @param user who reacts
   * @param emoji the reaction
   * @return a {@code Mono} that emits true when the reaction was added, false when it existed;
   *     signals {@link NotFoundException} when the message does not exist or is deleted, {@link
   *     InvalidArgumentException} when the user does not exist
   */
  Mono<Boolean> add(MessageId message, UserId user, String emoji);

  /**
   * Removes a reaction. Removing a missing reaction changes nothing.
   *
   * @param message the message
   * @param user who reacted
   * @param emoji the reaction
   * @return a {@code Mono} that emits true when a reaction was removed, false when there was none
   */
  Mono<Boolean> remove(MessageId message, UserId user, String emoji);

  /**
   * Summarises the reactions of several messages with one database query, so that a page or a
   * stream chunk of messages never costs one query per message.
   *
   * @param messages at most 500 message ids
   * @param viewer whose own reactions to flag, or null
   * @return a {@code Mono} that emits, for each given message with reactions, its summaries ordered
   *     by count descending then emoji; messages without reactions are absent from the map
   */
  Mono<Map<MessageId, List<ReactionSummary>>> summarize(
      Collection<MessageId> messages, @Nullable UserId viewer);

  /**
   * Validates an emoji as every method here does.
   *
   * @param emoji the emoji
   * @return the emoji
   * @throws IllegalArgumentException if blank, too long, or holding whitespace or control
   *     characters
   */
  static String checkEmoji(String emoji) {
    Checks.text(emoji, "emoji", MAX_EMOJI);
    if (emoji.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("emoji must not contain whitespace");
    }
    return emoji;
  }
}
