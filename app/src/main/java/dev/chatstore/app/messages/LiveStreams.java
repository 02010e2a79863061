package dev.chatstore.app.messages;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends the open-ended streams (SSE, NDJSON follow) when the service shuts down, before the web
 * server's graceful shutdown starts waiting for requests to finish: otherwise every live stream
 * would hold the shutdown for its whole timeout. Runs in the highest lifecycle phase, so it stops
 * first.
 */
@Component
public class LiveStreams implements SmartLifecycle {

  private final Sinks.Empty<Void> shutdown = Sinks.empty();
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean running;

  /**
   * Creates the registry of live streams, with a gauge {@code chatstore.http.live.streams} of how
   * many are open.
   *
   * @param registry the meter registry
   */
  public LiveStreams(MeterRegistry registry) {
    Gauge.builder("chatstore.http.live.streams", open, AtomicInteger::get)
        .description("Open live streams (SSE, NDJSON follow)")
        .register(registry);
  }

  /**
   * How many live streams are open.
   *
   * @return the count
   */
  public int open() {
    return open.get();
  }

  /**
   * Cuts a live stream short at shutdown, completing it normally.
   *
   * @param live the stream
   * @param <T> the element type
   * @return the stream, completing at shutdown
   */
  public <T> Flux<T> untilShutdown(Flux<T> live) {
    return live.takeUntilOther(shutdown.asMono().then(Mono.just(Boolean.TRUE)))
        .doOnSubscribe(s -> open.incrementAndGet())
        .doFinally(signal -> open.decrementAndGet());
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    shutdown.tryEmitEmpty();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
