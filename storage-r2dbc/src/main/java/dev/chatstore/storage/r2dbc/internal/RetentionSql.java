package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.internal.AbstractRetentionStore.Policy;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code channel_retention} table over R2DBC, and the retention batch's statements on {@code
 * messages}, with their row mapping. The upsert of a policy differs by database and stays in {@link
 * Dialect#upsertRetention}.
 */
public final class RetentionSql {

  /** Clears a channel's retention (channel). */
  public static final String DELETE = "DELETE FROM channel_retention WHERE channel_id = $1";

  /** The first page of the policies (limit). Read by {@link #policy}. */
  public static final String SELECT_POLICIES_FIRST_PAGE =
      "SELECT channel_id, keep_seconds FROM channel_retention ORDER BY channel_id LIMIT $1";

  /** A page of the policies after a channel (after, limit). Read by {@link #policy}. */
  public static final String SELECT_POLICIES_PAGE_AFTER =
      "SELECT channel_id, keep_seconds FROM channel_retention WHERE channel_id > $1"
          + " ORDER BY channel_id LIMIT $2";

  /**
   * One batch: the oldest positions after $2 posted before $3, at most $4 (channel, after, cutoff,
   * limit). Read by {@link #expired}.
   */
  public static final String SELECT_EXPIRED_BATCH =
      "SELECT id, parent_id, seq FROM messages WHERE channel_id = $1 AND seq > $2"
          + " AND created_at < $3 ORDER BY seq LIMIT $4";

  /**
   * Deletes exactly the rows {@link #SELECT_EXPIRED_BATCH} found: the same predicate bounded by the
   * batch's last position, under the channel's lock, so no new row can enter that range (channel,
   * after, last, cutoff).
   */
  public static final String DELETE_EXPIRED_BATCH =
      "DELETE FROM messages WHERE channel_id = $1 AND seq > $2 AND seq <= $3 AND created_at < $4";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public RetentionSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * An expired message of a batch.
   *
   * @param id the message
   * @param parent its thread root, or null
   * @param seq its position
   */
  public record Expired(UUID id, @Nullable UUID parent, long seq) {}

  /**
   * Maps a row of the policy pages.
   *
   * @param row the row
   * @return the policy
   */
  public Policy policy(Readable row) {
    return new Policy(ChannelId.of(rows.uuid(row, "channel_id")), Rows.number(row, "keep_seconds"));
  }

  /**
   * Maps a row of {@link #SELECT_EXPIRED_BATCH}.
   *
   * @param row the row
   * @return the message
   */
  public Expired expired(Readable row) {
    return new Expired(
        rows.uuid(row, "id"), rows.optionalUuid(row, "parent_id"), Rows.number(row, "seq"));
  }
}
