package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class FollowTests {

  private final List<Long> table = new CopyOnWriteArrayList<>();
  private final InProcessChangeFeed signal = new InProcessChangeFeed();
  private final ChannelId channel = ChannelId.generate();

  @BeforeAll
  static void timeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(30));
  }

  private Flux<Long> page(long after, int limit) {
    return Flux.defer(
            () -> Flux.fromIterable(List.copyOf(table)).filter(v -> v > after).take(limit))
        .subscribeOn(Schedulers.parallel());
  }

  private void commit(long value) {
    table.add(value);
    signal.committed(channel);
  }

  @Test
  void replaysThenEmitsEachCommitOnceInOrder() {
    table.addAll(List.of(1L, 2L, 3L));
    Follow.of(1, this::page, Long::longValue, signal.changes(channel), 2)
        .as(StepVerifier::create)
        .expectNext(2L, 3L)
        .then(() -> commit(4))
        .expectNext(4L)
        .then(
            () -> {
              commit(5);
              commit(6);
              signal.committed(ChannelId.generate()); // another channel: ignored
            })
        .expectNext(5L, 6L)
        .then(signal::close)
        .as("closing the signal completes the follower")
        .verifyComplete();
  }

  @Test
  void wakeAllMakesEveryFollowerReadAgain() {
    Follow.of(0, this::page, Long::longValue, signal.changes(channel), 10)
        .as(StepVerifier::create)
        .then(
            () -> {
              table.add(1L); // committed without a signal, as if a notification was lost
              signal.wakeAll();
            })
        .expectNext(1L)
        .thenCancel()
        .verify();
  }
}
