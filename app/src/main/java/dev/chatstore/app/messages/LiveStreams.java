package dev.chatstore.app.messages;

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
  private volatile boolean running;

  /**
   * Cuts a live stream short at shutdown, completing it normally.
   *
   * @param live the stream
   * @param <T> the element type
   * @return the stream, completing at shutdown
   */
  public <T> Flux<T> untilShutdown(Flux<T> live) {
    return live.takeUntilOther(shutdown.asMono().then(Mono.just(Boolean.TRUE)));
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
