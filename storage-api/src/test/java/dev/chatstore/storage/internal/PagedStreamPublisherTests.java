package dev.chatstore.storage.internal;

import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@link PagedStream} is a hand-written publisher (a {@code Flux.create} pager): the Reactive
 * Streams TCK verifies it, over an in-memory table of positions read in pages.
 */
public class PagedStreamPublisherTests extends PublisherVerification<Long> {

  private static final int MAX_PAGE = 7;

  public PagedStreamPublisherTests() {
    super(new TestEnvironment(2_000, 200));
  }

  /** A "table" of positions 1..size, one page after an exclusive key, read on another thread. */
  private static Flux<Long> page(long size, long after, int limit) {
    long last = size - after < limit ? size : after + limit; // no overflow near Long.MAX_VALUE
    return Flux.fromStream(() -> LongStream.rangeClosed(after + 1, last).boxed())
        .subscribeOn(Schedulers.parallel());
  }

  @Override
  public Publisher<Long> createPublisher(long elements) {
    return PagedStream.of(
        0, (after, limit) -> page(elements, after, limit), Long::longValue, MAX_PAGE);
  }

  /**
   * None: a paged stream fails only when a page read fails, and it reads a page only on demand, so
   * it has no failed state that a subscriber could see before requesting (the TCK's spec 1.4 and
   * 1.9 "failed publisher" cases). A read that fails on demand is covered by {@code
   * PagedStreamTests}.
   */
  @Override
  public @Nullable Publisher<Long> createFailedPublisher() {
    return null;
  }
}
