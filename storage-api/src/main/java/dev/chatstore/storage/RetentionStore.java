package dev.chatstore.storage;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Per-channel retention: how long messages are kept, and the purge that enforces it.
 *
 * <p>Every method checks its arguments at call time and touches the database only on subscription;
 * errors are signalled as {@link StorageException}s; cancelling releases the connection.
 * Implementations are thread-safe.
 */
public interface RetentionStore {

  /** Longest retention (100 years): longer is "forever", which is a null policy. */
  Duration MAX_RETENTION = Duration.ofDays(36_525);

  /**
   * Writes a retention the one way chatstore shows it everywhere (API, audit log, logs): ISO-8601,
   * in whole days when it is a whole number of days ({@code P30D}, not {@code PT720H}), else as
   * {@link Duration#toString()} ({@code PT12H}).
   *
   * @param keep the retention
   * @return its text
   */
  static String format(Duration keep) {
    return keep.getSeconds() % 86_400 == 0 && keep.getNano() == 0
        ? "P" + keep.toDays() + "D"
        : keep.toString();
  }

  /**
   * Sets or clears a channel's retention, audited as {@link AuditAction#RETENTION_CHANGED}.
   *
   * @param channel the channel
   * @param keep how long messages are kept, whole seconds from 1 second to {@link #MAX_RETENTION}
   *     (see {@link #checkKeep}), or null to keep them forever
   * @return a {@code Mono} that emits the channel as stored afterwards; signals {@link
   *     NotFoundException} when it does not exist
   */
  Mono<Channel> setPolicy(ChannelId channel, @Nullable Duration keep);

  /**
   * Purges, in every channel with a policy, the messages posted before {@code now - keep}. Works in
   * keyset batches of at most {@code batchSize} messages, each batch its own transaction (never one
   * huge transaction), and keeps everything derived consistent: the search index, the reply counts
   * of thread roots, reactions and edit history go with each message; each purge is audited as
   * {@link AuditAction#MESSAGE_PURGED} without an actor.
   *
   * @param now the current instant
   * @param batchSize the most messages per transaction, 1 to 10,000
   * @return a {@code Mono} that emits what was removed once done; cancelling stops after the batch
   *     in flight (earlier batches stay committed)
   */
  Mono<RetentionReport> purgeExpired(Instant now, int batchSize);

  /**
   * Validates a retention as {@link #setPolicy} does.
   *
   * @param keep the retention, or null for forever
   * @return the retention
   * @throws IllegalArgumentException if shorter than 1 second, longer than {@link #MAX_RETENTION}
   *     or not a whole number of seconds
   */
  static @Nullable Duration checkKeep(@Nullable Duration keep) {
    if (keep == null) {
      return null;
    }
    if (keep.compareTo(Duration.ofSeconds(1)) < 0 || keep.compareTo(MAX_RETENTION) > 0) {
      throw new IllegalArgumentException(
          "keep must be from 1 second to " + MAX_RETENTION + ", got " + keep);
    }
    if (keep.getNano() != 0) {
      throw new IllegalArgumentException("keep must be whole seconds, got " + keep);
    }
    return keep;
  }
}
