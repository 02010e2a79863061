package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import reactor.core.publisher.Flux;

/**
 * Where followers learn that a channel has new commits: the one runtime piece of follow that
 * differs between backends. {@link InProcessChangeFeed} wakes the followers of one storage (SQLite,
 * H2); the PostgreSQL feed also tells other processes (NOTIFY after the commit) and hears theirs
 * (LISTEN). Wake-ups are hints: a follower always re-reads the table from its position, so a
 * duplicate costs one read and a missed one only delays until the next. Thread-safe; no method
 * blocks, so any may be called from an event loop or the SQLite writer thread.
 */
public interface ChangeFeed {

  /**
   * The wake-ups for one channel, hot: only wake-ups after subscription are seen.
   *
   * @param channel the channel
   * @return a hot {@code Flux} that emits (coalesced) wake-ups, for the channel and from {@link
   *     #wakeAll()}, and completes on {@link #close()}
   */
  Flux<Object> changes(ChannelId channel);

  /**
   * Says that a channel has new commits. Call it only after the commit.
   *
   * @param channel the channel
   */
  void committed(ChannelId channel);

  /** Wakes every follower, whatever its channel, so each re-reads from its last position. */
  void wakeAll();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * Wraps a follower so that an error caused by the storage closing under it (a read refused
   * because the pool shut down) ends it with completion, as {@code Storage.close()} promises. A
   * follower that subscribes after the close still gets the error.
   *
   * @param follower the follow stream
   * @param <T> the item type
   * @return the wrapped stream
   */
  default <T> Flux<T> completeOnClose(Flux<T> follower) {
    return Flux.defer(
        () -> {
          boolean openAtSubscription = !isClosed();
          return follower.onErrorResume(
              error -> openAtSubscription && isClosed(), error -> Flux.<T>empty());
        });
  }

  /** Completes every follower's wake-up stream and releases what the feed holds. Idempotent. */
  void close();
}
