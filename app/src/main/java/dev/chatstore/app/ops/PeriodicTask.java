package dev.chatstore.app.ops;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work the service runs on a timer while it is up (purges, gauges): one run at a time, so a run
 * that outlasts the interval makes the next tick wait, never overlap; a failed run is logged and
 * the next tick runs as usual; stopping the service cancels the run in flight.
 */
public abstract class PeriodicTask implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Duration delay;
  private final Duration interval;
  private volatile @Nullable Disposable task;

  /**
   * Creates the task.
   *
   * @param name what it does, for the log
   * @param delay the wait before the first run
   * @param interval the wait between runs
   */
  protected PeriodicTask(String name, Duration delay, Duration interval) {
    this.name = name;
    this.delay = delay;
    this.interval = interval;
  }

  /**
   * One run.
   *
   * @return a publisher that completes when the run is done
   */
  protected abstract Mono<?> tick();

  /**
   * Whether the task runs at all; a disabled task says why in the log itself.
   *
   * @return true to run
   */
  protected boolean enabled() {
    return true;
  }

  @Override
  public void start() {
    if (!enabled()) {
      return;
    }
    task =
        Flux.interval(delay, interval)
            .onBackpressureDrop()
            .concatMap(
                t ->
                    tick()
                        .onErrorResume(
                            e -> {
                              log.warn("{} failed: {}", name, e.toString());
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable t = task;
    if (t != null) {
      t.dispose();
    }
    task = null;
  }

  @Override
  public boolean isRunning() {
    return task != null;
  }
}
