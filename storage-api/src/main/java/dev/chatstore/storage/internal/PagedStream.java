package dev.chatstore.storage.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A demand-driven stream over keyset pages, shared by every backend.
 *
 * <p>Each page is read only when the subscriber has outstanding demand, and asks for at most that
 * demand (capped at {@code maxPage}). A page is read to its end (its connection released) before
 * its items are emitted, so nothing is held between pages. The stream completes after a page that
 * is shorter than asked for. Cancelling disposes the page read in flight.
 */
public final class PagedStream {

  private PagedStream() {}

  /**
   * Builds the stream.
   *
   * @param from the exclusive start key
   * @param page reads one page: (exclusive start key, limit) to items in key order
   * @param key the key of an item, the start of the next page
   * @param maxPage the largest page to ask for
   * @param <T> the item type
   * @return a cold, demand-driven {@code Flux}
   */
  public static <T> Flux<T> of(
      long from, BiFunction<Long, Integer, Flux<T>> page, ToLongFunction<T> key, int maxPage) {
    if (maxPage < 1) {
      throw new IllegalArgumentException("maxPage must be positive");
    }
    return Flux.create(
        sink -> new Pager<>(sink, from, page, key, maxPage).start(),
        FluxSink.OverflowStrategy.BUFFER);
  }

  private static final class Pager<T> {
    private final FluxSink<T> sink;
    private final BiFunction<Long, Integer, Flux<T>> page;
    private final ToLongFunction<T> key;
    private final int maxPage;
    private final AtomicInteger wip = new AtomicInteger();
    private long cursor;
    private volatile boolean fetching;
    private volatile boolean done;
    private volatile @Nullable Disposable inFlight;

    Pager(
        FluxSink<T> sink,
        long from,
        BiFunction<Long, Integer, Flux<T>> page,
        ToLongFunction<T> key,
        int maxPage) {
      this.sink = sink;
      this.cursor = from;
      this.page = page;
      this.key = key;
      this.maxPage = maxPage;
    }

    void start() {
      sink.onRequest(n -> drain());
      sink.onDispose(
          () -> {
            done = true;
            Disposable d = inFlight;
            if (d != null) {
              d.dispose();
            }
          });
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        if (!fetching && !done && !sink.isCancelled()) {
          long wanted = sink.requestedFromDownstream();
          if (wanted > 0) {
            fetching = true;
            int limit = (int) Math.min(wanted, maxPage);
            inFlight =
                Flux.defer(() -> page.apply(cursor, limit))
                    .collectList()
                    .subscribe(list -> emit(list, limit), this::fail);
          }
        }
      } while (wip.decrementAndGet() != 0);
    }

    private void emit(List<T> items, int limit) {
      for (T item : items) {
        cursor = key.applyAsLong(item);
        sink.next(item);
      }
      if (items.size() < limit) {
        done = true;
        sink.complete();
        return;
      }
      fetching = false;
      drain();
    }

    private void fail(Throwable error) {
      done = true;
      sink.error(error);
    }
  }
}
