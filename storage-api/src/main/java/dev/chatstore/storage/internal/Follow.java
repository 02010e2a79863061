package dev.chatstore.storage.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The follow loop shared by every backend: subscribe to wake-ups first, then read everything after
 * the cursor; after each wake-up read again from the cursor. Wake-ups that arrive while reading are
 * coalesced into one more read, so a commit is never missed and never read twice.
 */
public final class Follow {

  private static final Object START = new Object();

  private Follow() {}

  /**
   * Builds a follow stream.
   *
   * @param after the exclusive start key
   * @param page reads one forward page: (exclusive start key, limit) to items in key order
   * @param key the key of an item
   * @param wakeups a hot stream that emits after relevant commits
   * @param maxPage the largest page to ask for
   * @param <T> the item type
   * @return an infinite {@code Flux} that completes only when {@code wakeups} completes
   */
  public static <T> Flux<T> of(
      long after,
      BiFunction<Long, Integer, Flux<T>> page,
      ToLongFunction<T> key,
      Flux<Object> wakeups,
      int maxPage) {
    return Flux.defer(
        () -> {
          AtomicLong cursor = new AtomicLong(after);
          // wakeups first: a commit between the first read and the subscription would be lost
          Flux<Object> ticks = Flux.merge(wakeups, Mono.just(START)).onBackpressureLatest();
          return ticks.concatMap(
              tick ->
                  PagedStream.of(cursor.get(), page, key, maxPage)
                      .doOnNext(item -> cursor.set(key.applyAsLong(item))),
              1);
        });
  }
}
