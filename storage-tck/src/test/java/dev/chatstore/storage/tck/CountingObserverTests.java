package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CountingObserverTests {

  @Test
  void countsEachOperationSeparately() {
    CountingObserver observer = new CountingObserver();
    observer.onQuery(CountingObserver.STREAM);
    observer.onQuery(CountingObserver.STREAM);
    observer.onQuery("UserStore.create");
    assertThat(observer.count(CountingObserver.STREAM)).isEqualTo(2);
    assertThat(observer.count("UserStore.create")).isEqualTo(1);
    assertThat(observer.count("never")).isZero();
    assertThat(observer.snapshot()).containsEntry("UserStore.create", 1L).hasSize(2);
  }

  @Test
  void countsCallsFromManyThreads() {
    CountingObserver observer = new CountingObserver();
    CompletableFuture.allOf(
            IntStream.range(0, 8)
                .mapToObj(
                    t ->
                        CompletableFuture.runAsync(
                            () -> IntStream.range(0, 1000).forEach(i -> observer.onQuery("op"))))
                .toArray(CompletableFuture[]::new))
        .join();
    assertThat(observer.count("op")).isEqualTo(8000);
  }
}
