package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wakes followers after commits: an in-process, multicast signal of "channel X has new messages". A
 * {@code null} channel in {@link #wakeAll()} wakes every follower (after a listener reconnect,
 * say). Emission is serialised without locks (whichever caller finds the signal idle emits what
 * every concurrent caller queued), so it never blocks and may be called from event loops;
 * thread-safe.
 */
public final class ChangeSignal {

  /** Marker emitted by {@link #wakeAll()}. */
  private static final ChannelId ALL = new ChannelId(new java.util.UUID(0, 0));

  /** Marker queued by {@link #close()}. */
  private static final ChannelId CLOSE = new ChannelId(new java.util.UUID(0, 1));

  private final Sinks.Many<ChannelId> sink = Sinks.many().multicast().directBestEffort();
  private final Queue<ChannelId> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile boolean closed;

  /** Creates a signal. */
  public ChangeSignal() {}

  /**
   * Signals that a channel has new commits.
   *
   * @param channel the channel
   */
  public void committed(ChannelId channel) {
    emit(channel);
  }

  /** Wakes every follower, whatever its channel, so each re-reads from its last position. */
  public void wakeAll() {
    emit(ALL);
  }

  /**
   * The wake-ups for one channel, hot: only signals after subscription are seen.
   *
   * @param channel the channel
   * @return a hot {@code Flux} that emits (coalesced) wake-ups and completes on {@link #close()}
   */
  public Flux<Object> changes(ChannelId channel) {
    return sink.asFlux().filter(c -> c.equals(channel) || c == ALL).cast(Object.class);
  }

  /**
   * Whether {@link #close()} was called: a follower that fails after this was ended by the close of
   * its storage, and completes instead.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Wraps a follower so that an error caused by the storage closing under it (a read refused
   * because the pool shut down) ends it with completion, as {@code Storage.close()} promises. A
   * follower that subscribes after the close still gets the error.
   *
   * @param follower the follow stream
   * @param <T> the item type
   * @return the wrapped stream
   */
  public <T> Flux<T> completeOnClose(Flux<T> follower) {
    return Flux.defer(
        () -> {
          boolean openAtSubscription = !closed;
          return follower.onErrorResume(
              error -> openAtSubscription && closed, error -> Flux.<T>empty());
        });
  }

  /** Completes every follower's wake-up stream. */
  public void close() {
    closed = true;
    emit(CLOSE);
  }

  private void emit(@Nullable ChannelId channel) {
    if (channel == null) {
      return;
    }
    queue.offer(channel);
    if (wip.getAndIncrement() != 0) {
      // another caller is emitting and will emit this one too
      return;
    }
    // a subscriber that throws out of onNext must not leave wip raised: every later signal would
    // be dropped and every follower would wait forever. Emit the rest, then rethrow to the caller
    Throwable failure = null;
    int missed = 1;
    do {
      ChannelId next;
      while ((next = queue.poll()) != null) {
        try {
          if (next == CLOSE) {
            sink.tryEmitComplete();
          } else {
            sink.tryEmitNext(next);
          }
        } catch (RuntimeException | Error e) {
          if (failure == null) {
            failure = e;
          } else if (failure != e) {
            failure.addSuppressed(e);
          }
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }
}
