package dev.chatstore.storage.internal;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link RetentionStore}, written once: argument checks, the audit entries, the
 * missing-channel error, and the purge's algorithm: policies by keyset on the channel id, each
 * channel's expired messages in keyset batches on their position until a batch comes back short,
 * each batch one unit of work of its own (never one huge transaction), and the report. A backend
 * implements how one policy is written and how one batch is purged. Thread-safe when the hooks are.
 */
public abstract class AbstractRetentionStore implements RetentionStore {

  /** Largest batch: bounds a transaction's locks and the memory of one batch. */
  public static final int MAX_BATCH = 10_000;

  /** Policies read per query. */
  static final int POLICY_PAGE = Checks.MAX_LIMIT;

  /**
   * A channel's retention.
   *
   * @param channel the channel
   * @param keepSeconds how long its messages are kept
   */
  public record Policy(ChannelId channel, long keepSeconds) {}

  /**
   * What one batch purged.
   *
   * @param purged how many messages, 0 when none was left
   * @param lastSeq the position of the last one purged (the next batch's keyset), or the batch's
   *     starting position when none was
   */
  public record Batch(long purged, long lastSeq) {}

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractRetentionStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<Channel> setPolicy(ChannelId channel, @Nullable Duration keep) {
    Checks.notNull(channel, "channel");
    Duration checked = RetentionStore.checkKeep(keep);
    return Mono.deferContextual(
        ctx -> {
          AuditEntry audit =
              AbstractAuditStore.newEntry(
                  Instants.now(clock),
                  channel,
                  Actor.from(ctx).orElse(null),
                  AuditAction.RETENTION_CHANGED,
                  null,
                  null,
                  "keep=" + (checked == null ? "forever" : RetentionStore.format(checked)));
          return writePolicy(channel, checked == null ? null : checked.getSeconds(), audit)
              .switchIfEmpty(Mono.error(() -> Failures.channelNotFound(channel)));
        });
  }

  @Override
  public final Mono<RetentionReport> purgeExpired(Instant now, int batchSize) {
    Checks.notNull(now, "now");
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException(
          "batchSize must be from 1 to " + MAX_BATCH + ", got " + batchSize);
    }
    Instant at = Checks.micros(now);
    return policies(null)
        .expand(page -> page.size() < POLICY_PAGE ? Mono.empty() : policies(last(page)))
        .concatMapIterable(page -> page)
        .concatMap(policy -> purgeChannel(policy, at, batchSize))
        .reduce(new RetentionReport(0, 0, 0), AbstractRetentionStore::add);
  }

  private Mono<List<Policy>> policies(@Nullable ChannelId after) {
    return Flux.defer(() -> selectPolicies(after, POLICY_PAGE)).collectList();
  }

  private static ChannelId last(List<Policy> page) {
    return page.get(page.size() - 1).channel();
  }

  private Mono<RetentionReport> purgeChannel(Policy policy, Instant now, int batchSize) {
    Instant cutoff = cutoff(now, policy.keepSeconds());
    return batch(policy.channel(), cutoff, 0, batchSize)
        .expand(
            done ->
                isLast(done, batchSize)
                    ? Mono.empty()
                    : batch(policy.channel(), cutoff, done.lastSeq(), batchSize))
        .reduce(new RetentionReport(1, 0, 0), AbstractRetentionStore::add);
  }

  private Mono<Batch> batch(ChannelId channel, Instant cutoff, long afterSeq, int batchSize) {
    return Mono.defer(() -> purgeBatch(channel, cutoff, afterSeq, batchSize, Instants.now(clock)));
  }

  /**
   * The instant before which a policy's messages expire.
   *
   * @param now the purge's "now"
   * @param keepSeconds the policy
   * @return {@code now - keep}
   */
  static Instant cutoff(Instant now, long keepSeconds) {
    return now.minusSeconds(keepSeconds);
  }

  /**
   * Whether a batch was a channel's last: it came back short, so nothing more has expired.
   *
   * @param batch the batch
   * @param batchSize the most messages a batch purges
   * @return true to stop
   */
  static boolean isLast(Batch batch, int batchSize) {
    return batch.purged() < batchSize;
  }

  /**
   * Adds a batch to a channel's report: a batch counts only when it purged something.
   *
   * @param report the report so far
   * @param batch the batch
   * @return the sum
   */
  static RetentionReport add(RetentionReport report, Batch batch) {
    return batch.purged() == 0
        ? report
        : new RetentionReport(
            report.channels(), report.messagesPurged() + batch.purged(), report.batches() + 1);
  }

  /**
   * Adds up two reports.
   *
   * @param a a report
   * @param b another
   * @return the sum
   */
  static RetentionReport add(RetentionReport a, RetentionReport b) {
    return new RetentionReport(
        a.channels() + b.channels(),
        a.messagesPurged() + b.messagesPurged(),
        a.batches() + b.batches());
  }

  /**
   * The audit entry of one purged message: {@link AuditAction#MESSAGE_PURGED}, without an actor.
   *
   * @param now the batch's time
   * @param channel the channel
   * @param message the purged message
   * @return the entry to write with the purge
   */
  public static AuditEntry purgedEntry(Instant now, ChannelId channel, MessageId message) {
    return AbstractAuditStore.newEntry(
        now, channel, null, AuditAction.MESSAGE_PURGED, null, message, "");
  }

  /**
   * Sets or clears a channel's retention and appends its audit entry, in one unit of work, and
   * reads the channel back.
   *
   * @param channel the channel
   * @param keepSeconds the retention, or null to clear it
   * @param audit the entry to append
   * @return a {@code Mono} of the channel as stored afterwards, empty (and nothing written) when it
   *     does not exist
   */
  protected abstract Mono<Channel> writePolicy(
      ChannelId channel, @Nullable Long keepSeconds, AuditEntry audit);

  /**
   * Reads a page of the retention policies, ascending by channel id.
   *
   * @param after only channels above this one, or null for the first page
   * @param limit the most policies
   * @return a {@code Flux} of at most {@code limit} policies
   */
  protected abstract Flux<Policy> selectPolicies(@Nullable ChannelId after, int limit);

  /**
   * Purges one batch, in one unit of work of its own: the channel's oldest messages after position
   * {@code afterSeq} posted before {@code cutoff}, at most {@code batchSize}, with everything
   * derived from them (search index, reactions, edit history, thread counters), each audited with
   * {@link #purgedEntry}. This needs a multi-item transaction; a backend without one purges message
   * by message and reports how far it got.
   *
   * @param channel the channel
   * @param cutoff messages posted before this instant expire
   * @param afterSeq the keyset: only positions above it
   * @param batchSize the most messages
   * @param now the batch's time, for the audit entries
   * @return a {@code Mono} of what was purged; 0 when nothing was (or the channel is gone)
   */
  protected abstract Mono<Batch> purgeBatch(
      ChannelId channel, Instant cutoff, long afterSeq, int batchSize, Instant now);
}
