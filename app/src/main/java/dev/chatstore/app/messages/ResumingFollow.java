package dev.chatstore.app.messages;

import dev.chatstore.storage.TransientStorageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Keeps a live stream (NDJSON follow, SSE) open across a transient storage failure, such as the
 * database restarting: the follow is subscribed again after a backoff, from the position of the
 * last item already handed on, so nothing is missed and nothing is sent twice. Any other error (the
 * channel was deleted, an internal failure) ends the stream as before.
 */
final class ResumingFollow {

  private ResumingFollow() {}

  /**
   * Follows from {@code after}, resuming after transient failures.
   *
   * @param after the exclusive start position
   * @param follow opens a follow from an exclusive start position
   * @param position the position of an item
   * @param firstBackoff the first wait before resuming
   * @param maxBackoff the longest wait between attempts
   * @param <T> the item type
   * @return the follow, which ends only when {@code follow} completes or fails other than
   *     transiently
   */
  static <T> Flux<T> of(
      long after,
      LongFunction<Flux<T>> follow,
      ToLongFunction<T> position,
      Duration firstBackoff,
      Duration maxBackoff) {
    return Flux.defer(
        () -> {
          AtomicLong last = new AtomicLong(after);
          return Flux.defer(() -> follow.apply(last.get()))
              .doOnNext(item -> last.set(position.applyAsLong(item)))
              .retryWhen(
                  Retry.backoff(Long.MAX_VALUE, firstBackoff)
                      .maxBackoff(maxBackoff)
                      .transientErrors(true)
                      .filter(TransientStorageException.class::isInstance));
        });
  }
}
