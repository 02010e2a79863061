package dev.chatstore.app.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention job's settings, under {@code chatstore.retention.*}.
 *
 * @param enabled whether the job runs at all
 * @param interval how often it runs (the first run one interval after start)
 * @param batchSize the most messages purged per transaction, 1 to 10,000: small batches keep each
 *     write short, so the job never holds the database (SQLite's one writer, a PostgreSQL channel
 *     lock) for long
 */
@ConfigurationProperties("chatstore.retention")
public record RetentionProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1h") Duration interval,
    @DefaultValue("500") int batchSize) {

  /** Checks the settings at start-up. */
  public RetentionProperties {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("chatstore.retention.interval must be positive");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("chatstore.retention.batch-size must be 1 to 10000");
    }
  }
}
