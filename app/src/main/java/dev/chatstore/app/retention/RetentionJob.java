package dev.chatstore.app.retention;

import dev.chatstore.app.ops.PeriodicTask;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.Storage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Purges expired messages every {@code chatstore.retention.interval}, in keyset batches of at most
 * {@code chatstore.retention.batch-size} messages, each its own transaction ({@link
 * dev.chatstore.storage.RetentionStore#purgeExpired}), and logs what it removed. One run at a time:
 * a run that outlasts the interval makes the next tick wait, never overlap. Stopping the service
 * cancels a run after its batch in flight.
 */
@Component
public class RetentionJob extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final Storage storage;
  private final Clock clock;
  private final RetentionProperties properties;

  /**
   * Creates the job.
   *
   * @param storage the storage
   * @param clock the clock ("now" for the expiry)
   * @param properties the settings
   */
  public RetentionJob(Storage storage, Clock clock, RetentionProperties properties) {
    super("the retention run", properties.interval(), properties.interval());
    this.storage = storage;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Runs one purge now.
   *
   * @return a {@code Mono} of what was removed
   */
  public Mono<RetentionReport> runOnce() {
    return Mono.defer(
            () -> storage.retention().purgeExpired(clock.instant(), properties.batchSize()))
        .doOnNext(RetentionJob::report);
  }

  private static void report(RetentionReport r) {
    if (r.messagesPurged() > 0) {
      log.info(
          "retention purged {} messages in {} batches across {} channels with a policy",
          r.messagesPurged(),
          r.batches(),
          r.channels());
    } else {
      log.debug("retention: nothing expired in {} channels with a policy", r.channels());
    }
  }

  @Override
  protected Mono<?> tick() {
    return runOnce();
  }

  @Override
  protected boolean enabled() {
    if (!properties.enabled()) {
      log.info("the retention job is disabled (chatstore.retention.enabled=false)");
    }
    return properties.enabled();
  }
}
