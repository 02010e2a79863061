package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class PagedStreamTests {

  private final List<String> reads = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void timeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(30));
  }

  /** A "table" of positions 1..size, read in pages after an exclusive key. */
  private Flux<Long> page(long size, long after, int limit) {
    reads.add(after + ":" + limit);
    return Flux.fromStream(LongStream.rangeClosed(after + 1, Math.min(size, after + limit)).boxed())
        .subscribeOn(Schedulers.parallel());
  }

  @Test
  void readsOnlyWhatIsRequestedAndNoFurtherPage() {
    PagedStream.of(0, (after, limit) -> page(100, after, limit), Long::longValue, 50)
        .as(flux -> StepVerifier.create(flux, 0))
        .thenRequest(5)
        .expectNext(1L, 2L, 3L, 4L, 5L)
        .thenAwait(Duration.ofMillis(50))
        .as("no demand left, so no further page is read")
        .then(() -> assertThat(reads).containsExactly("0:5"))
        .thenRequest(3)
        .expectNext(6L, 7L, 8L)
        .thenCancel()
        .verify();
    assertThat(reads).containsExactly("0:5", "5:3");
  }

  @Test
  void capsEachPageAtTheMaximumAndCompletesAfterAShortPage() {
    PagedStream.of(0, (after, limit) -> page(120, after, limit), Long::longValue, 50)
        .as(StepVerifier::create)
        .expectNextCount(120)
        .verifyComplete();
    assertThat(reads).containsExactly("0:50", "50:50", "100:50");
  }

  @Test
  void anEmptySourceCompletesAfterOneRead() {
    PagedStream.of(7, (after, limit) -> page(7, after, limit), Long::longValue, 50)
        .as(StepVerifier::create)
        .verifyComplete();
    assertThat(reads).hasSize(1);
  }

  @Test
  void anErrorInAPageEndsTheStreamWithThatError() {
    PagedStream.<Long>of(
            0, (after, limit) -> Flux.error(new IllegalStateException("boom")), v -> v, 10)
        .as(StepVerifier::create)
        .expectErrorMessage("boom")
        .verify();
  }
}
