package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The in-process {@link ChangeFeed}: a multicast signal of "channel X has new commits" to the
 * followers of one storage. Emission is serialised by a {@link SerialDrain} (whichever caller finds
 * the feed idle emits what every concurrent caller queued), so it never blocks and never spins.
 * Thread-safe.
 */
public final class InProcessChangeFeed implements ChangeFeed {

  /** Marker emitted by {@link #wakeAll()}. */
  private static final ChannelId ALL = new ChannelId(new UUID(0, 0));

  /** Marker queued by {@link #close()}. */
  private static final ChannelId CLOSE = new ChannelId(new UUID(0, 1));

  private final Sinks.Many<ChannelId> sink = Sinks.many().multicast().directBestEffort();
  private final Queue<ChannelId> queue = new ConcurrentLinkedQueue<>();
  private final SerialDrain drain = SerialDrain.inline(this::emitQueued);
  private volatile boolean closed;

  /** Creates a feed. */
  public InProcessChangeFeed() {}

  @Override
  public void committed(ChannelId channel) {
    emit(Checks.notNull(channel, "channel"));
  }

  @Override
  public void wakeAll() {
    emit(ALL);
  }

  @Override
  public Flux<Object> changes(ChannelId channel) {
    Checks.notNull(channel, "channel");
    return sink.asFlux().filter(c -> c.equals(channel) || c == ALL).cast(Object.class);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      emit(CLOSE);
    }
  }

  private void emit(ChannelId channel) {
    queue.offer(channel);
    drain.signal();
  }

  private void emitQueued() {
    for (ChannelId next; (next = queue.poll()) != null; ) {
      if (next == CLOSE) {
        sink.tryEmitComplete();
      } else {
        sink.tryEmitNext(next);
      }
    }
  }
}
