package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The audit log of channels: membership and role changes, message deletions and purges, channel
 * updates, archiving and retention changes. Entries are written by the stores themselves, in the
 * same transaction as the change they record, naming the {@link Actor} of the subscription. They
 * are deleted with their channel.
 *
 * <p>Every method checks its arguments at call time and touches the database only on subscription;
 * errors are signalled as {@link StorageException}s; cancelling releases the connection.
 * Implementations are thread-safe.
 */
public interface AuditStore {

  /**
   * Pages through a channel's audit log, newest first.
   *
   * @param channel the channel
   * @param before the last entry of the previous page (exclusive), or null for the newest
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} entries, newest first; empty after the last
   *     page or for an unknown channel
   */
  Flux<AuditEntry> page(ChannelId channel, @Nullable AuditId before, int limit);
}
