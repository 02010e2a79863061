package dev.chatstore.storage.internal;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link ReactionStore}, written once: argument checks, what adding an existing
 * reaction or removing a missing one does (nothing, reported as {@code false}), the errors of a
 * missing message or user, and the order of summaries. Thread-safe when the hooks are.
 */
public abstract class AbstractReactionStore implements ReactionStore {

  /**
   * Summaries in the order the contract fixes: count descending, then emoji in code point order,
   * independent of database collations.
   */
  public static final Comparator<ReactionSummary> ORDER =
      Comparator.comparingLong(ReactionSummary::count)
          .reversed()
          .thenComparing(ReactionSummary::emoji, KeyRanges::compare);

  /** What {@link #insertReaction} found. */
  protected enum Add {
    /** The reaction was stored. */
    ADDED,
    /** The reaction existed already; nothing changed. */
    EXISTED,
    /** Nothing was stored: the message does not exist or is deleted. */
    NO_MESSAGE,
    /** Nothing was stored: the user does not exist. */
    NO_USER
  }

  /**
   * One emoji's use on one message, as {@link #selectReactionCounts} reads it.
   *
   * @param message the message
   * @param summary the emoji, its count and whether the viewer is among the users
   */
  public record Count(MessageId message, ReactionSummary summary) {}

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractReactionStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<Boolean> add(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    return Mono.defer(
        () ->
            insertReaction(message, user, emoji, Instants.now(clock))
                .flatMap(
                    outcome ->
                        switch (outcome) {
                          case ADDED -> Mono.just(true);
                          case EXISTED -> Mono.just(false);
                          case NO_MESSAGE -> Mono.error(Failures.messageNotFound(message));
                          case NO_USER -> Mono.error(Failures.missingReference("user", user));
                        }));
  }

  @Override
  public final Mono<Boolean> remove(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    return Mono.defer(() -> deleteReaction(message, user, emoji).map(n -> n > 0));
  }

  @Override
  public final Mono<Map<MessageId, List<ReactionSummary>>> summarize(
      Collection<MessageId> messages, @Nullable UserId viewer) {
    Checks.notNull(messages, "messages");
    Set<MessageId> ids = new LinkedHashSet<>();
    for (MessageId id : messages) {
      ids.add(Checks.notNull(id, "message id"));
    }
    if (ids.size() > Checks.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "at most " + Checks.MAX_LIMIT + " messages, got " + ids.size());
    }
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    List<MessageId> distinct = List.copyOf(ids);
    return Flux.defer(() -> selectReactionCounts(distinct, viewer))
        .collect(
            HashMap<MessageId, List<ReactionSummary>>::new,
            (map, c) -> map.computeIfAbsent(c.message(), k -> new ArrayList<>()).add(c.summary()))
        .map(AbstractReactionStore::sorted);
  }

  /**
   * Orders each message's summaries by {@link #ORDER}.
   *
   * @param summaries the summaries of each message, in any order
   * @return an immutable copy, each list sorted
   */
  static Map<MessageId, List<ReactionSummary>> sorted(
      Map<MessageId, List<ReactionSummary>> summaries) {
    Map<MessageId, List<ReactionSummary>> sorted = new HashMap<>();
    summaries.forEach(
        (id, list) -> {
          List<ReactionSummary> copy = new ArrayList<>(list);
          copy.sort(ORDER);
          sorted.put(id, List.copyOf(copy));
        });
    return Map.copyOf(sorted);
  }

  /**
   * Adds a reaction to a live message unless it exists, in one unit of work that keeps a concurrent
   * delete of the message from leaving the reaction behind (a share lock, or a condition on the
   * message in the same write).
   *
   * @param message the message
   * @param user who reacts
   * @param emoji the checked emoji
   * @param now the reaction's time
   * @return a {@code Mono} of what was found
   */
  protected abstract Mono<Add> insertReaction(
      MessageId message, UserId user, String emoji, Instant now);

  /**
   * Removes a reaction.
   *
   * @param message the message
   * @param user who reacted
   * @param emoji the checked emoji
   * @return a {@code Mono} of the number of reactions removed: 1 or 0
   */
  protected abstract Mono<Long> deleteReaction(MessageId message, UserId user, String emoji);

  /**
   * Counts the reactions of some messages, one row per message and emoji, in any order.
   *
   * @param messages 1 to 500 distinct messages
   * @param viewer whose own reactions to flag, or null for nobody
   * @return a {@code Flux} of the counts; messages without reactions have none
   */
  protected abstract Flux<Count> selectReactionCounts(
      List<MessageId> messages, @Nullable UserId viewer);
}
