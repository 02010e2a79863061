package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ChannelId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

class ChangeSignalTests {

  private final ChannelId channel = new ChannelId(UUID.randomUUID());

  /**
   * A subscriber that throws out of onNext once (a blocking call flagged by BlockHound in a
   * follower's chain, say) must not leave the emission loop marked busy: before the fix every later
   * signal was dropped, and every follower of the storage waited forever.
   */
  @Test
  void aSubscriberThatThrowsDoesNotSilenceTheSignalForEveryoneElse() {
    ChangeSignal signal = new ChangeSignal();
    List<Object> healthy = new CopyOnWriteArrayList<>();
    signal.changes(channel).subscribe(healthy::add);
    signal.changes(channel).subscribe(new ThrowsOnce());

    assertThatThrownBy(() -> signal.committed(channel)).hasMessage("flagged once");
    signal.committed(channel);
    signal.wakeAll();

    assertThat(healthy).hasSize(3);
  }

  /** Throws from its first onNext only, like a call that fails once. */
  private static final class ThrowsOnce implements CoreSubscriber<Object> {
    private final AtomicBoolean thrown = new AtomicBoolean();

    @Override
    public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Object o) {
      if (thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("flagged once");
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }
}
