package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialDrainTests {

  private final Queue<Integer> queue = new ConcurrentLinkedQueue<>();
  private final List<Integer> handled = new ArrayList<>(); // only touched by the drain
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();

  private void drainAll() {
    if (running.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    for (Integer next; (next = queue.poll()) != null; ) {
      handled.add(next);
    }
    running.decrementAndGet();
  }

  @Test
  void anInlineDrainRunsOnTheSignallingThreadAndHandlesWhatWasQueued() {
    List<Thread> threads = new ArrayList<>();
    SerialDrain drain =
        SerialDrain.inline(
            () -> {
              threads.add(Thread.currentThread());
              drainAll();
            });
    queue.add(1);
    assertThat(drain.signal()).isTrue();
    queue.add(2);
    drain.signal();
    assertThat(handled).containsExactly(1, 2);
    assertThat(threads).containsOnly(Thread.currentThread());
  }

  @Test
  void aSignalDuringTheDrainMakesItRunOnceMoreInsteadOfReentering() {
    AtomicInteger runs = new AtomicInteger();
    SerialDrain[] self = new SerialDrain[1];
    self[0] =
        SerialDrain.inline(
            () -> {
              drainAll();
              if (runs.incrementAndGet() == 1) {
                queue.add(99);
                assertThat(self[0].signal()).isTrue(); // counted, not run here
                assertThat(handled).doesNotContain(99);
              }
            });
    queue.add(1);
    self[0].signal();
    assertThat(handled).containsExactly(1, 99);
    assertThat(runs).hasValue(2);
  }

  @Test
  void concurrentSignallersNeverRunTheDrainTwiceAtOnceAndNothingIsLeftBehind() throws Exception {
    SerialDrain drain = SerialDrain.inline(this::drainAll);
    int threads = 8;
    int each = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      pool.execute(
          () -> {
            try {
              start.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            for (int i = 0; i < each; i++) {
              queue.add(base + i);
              drain.signal();
            }
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps).as("never two drains at once").hasValue(0);
    assertThat(queue).as("nothing left behind").isEmpty();
    assertThat(handled).hasSize(threads * each).doesNotHaveDuplicates();
  }

  @Test
  void aDrainOnAnExecutorRunsThereAndAShutDownExecutorIsReported() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    SerialDrain drain =
        SerialDrain.on(
            single,
            () -> {
              threads.add(Thread.currentThread());
              drainAll();
              ran.countDown();
            });
    queue.add(1);
    assertThat(drain.signal()).isTrue();
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    single.shutdown();
    assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(threads).doesNotContain(Thread.currentThread());
    assertThat(handled).containsExactly(1);
    queue.add(2);
    assertThat(drain.signal()).as("the executor refused it").isFalse();
    assertThat(drain.signal()).as("and stays refused").isFalse();
  }

  @Test
  void aDrainThatThrowsRunsAgainAndLaterSignalsStillDrain() {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    SerialDrain drain =
        SerialDrain.inline(
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run fails");
              }
            });
    org.assertj.core.api.Assertions.assertThatThrownBy(drain::signal).hasMessage("first run fails");
    org.assertj.core.api.Assertions.assertThat(runs).as("ran again after the failure").hasValue(2);
    drain.signal();
    org.assertj.core.api.Assertions.assertThat(runs).as("not left busy").hasValue(3);
  }
}
