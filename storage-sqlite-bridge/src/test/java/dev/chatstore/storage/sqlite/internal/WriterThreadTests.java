package dev.chatstore.storage.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.internal.SerialDrain;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriterThreadTests {

  @Test
  void aDrainOnTheWriterThreadRunsThereAndHandlesEverythingQueued() throws Exception {
    WriterThread thread = new WriterThread("writer-thread-test");
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    List<Integer> handled = new CopyOnWriteArrayList<>();
    List<Boolean> onWriter = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(1000);
    SerialDrain drain =
        SerialDrain.on(
            thread,
            () -> {
              onWriter.add(thread.isCurrent());
              for (Integer next; (next = queue.poll()) != null; ) {
                handled.add(next);
                all.countDown();
              }
            });
    for (int i = 0; i < 1000; i++) {
      queue.add(i);
      assertThat(drain.signal()).isTrue();
    }
    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(handled).hasSize(1000).doesNotHaveDuplicates();
    assertThat(onWriter).containsOnly(true);
    assertThat(thread.isCurrent()).isFalse();
    thread.shutdown();
    thread.awaitTermination();
  }

  @Test
  void aShutDownThreadRunsWhatWasPendingThenRefusesMore() {
    WriterThread thread = new WriterThread("writer-thread-test");
    CountDownLatch ran = new CountDownLatch(1);
    thread.execute(ran::countDown);
    thread.shutdown();
    thread.awaitTermination();
    assertThat(ran.getCount()).as("the pending task ran before the thread stopped").isZero();
    assertThatThrownBy(() -> thread.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
