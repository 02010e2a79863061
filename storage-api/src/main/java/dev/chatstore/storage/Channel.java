package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored channel. Immutable and thread-safe.
 *
 * @param id the id
 * @param name the unique name (case-insensitive uniqueness: stored lower case)
 * @param topic the topic, possibly empty
 * @param kind what the channel is for
 * @param visibility who may see it
 * @param category a free grouping label, or null
 * @param createdBy the user who created it (its first owner)
 * @param archived whether it is archived (read-only by convention)
 * @param lastSeq the position of the newest message, 0 when none was ever posted
 * @param createdAt when it was created
 * @param updatedAt when its fields last changed
 * @param version the optimistic-concurrency version, 1 at creation
 * @param retention how long messages are kept (see {@link RetentionStore}), or null to keep them
 *     forever
 */
public record Channel(
    ChannelId id,
    String name,
    String topic,
    ChannelKind kind,
    Visibility visibility,
    @Nullable String category,
    UserId createdBy,
    boolean archived,
    long lastSeq,
    Instant createdAt,
    Instant updatedAt,
    long version,
    @Nullable Duration retention) {

  /**
   * Validates the fields.
   *
   * @param id the id
   * @param name the name
   * @param topic the topic
   * @param kind the kind
   * @param visibility the visibility
   * @param category the category or null
   * @param createdBy the creator
   * @param archived whether archived
   * @param lastSeq the newest position
   * @param createdAt the creation time
   * @param updatedAt the last change
   * @param version the version
   * @param retention the retention or null
   */
  public Channel {
    Checks.notNull(id, "id");
    Checks.notNull(name, "name");
    Checks.notNull(topic, "topic");
    Checks.notNull(kind, "kind");
    Checks.notNull(visibility, "visibility");
    Checks.notNull(createdBy, "createdBy");
    createdAt = Checks.micros(Checks.notNull(createdAt, "createdAt"));
    updatedAt = Checks.micros(Checks.notNull(updatedAt, "updatedAt"));
  }

  /**
   * A channel that keeps its messages forever.
   *
   * @param id the id
   * @param name the name
   * @param topic the topic
   * @param kind the kind
   * @param visibility the visibility
   * @param category the category or null
   * @param createdBy the creator
   * @param archived whether archived
   * @param lastSeq the newest position
   * @param createdAt the creation time
   * @param updatedAt the last change
   * @param version the version
   */
  public Channel(
      ChannelId id,
      String name,
      String topic,
      ChannelKind kind,
      Visibility visibility,
      @Nullable String category,
      UserId createdBy,
      boolean archived,
      long lastSeq,
      Instant createdAt,
      Instant updatedAt,
      long version) {
    this(
        id,
        name,
        topic,
        kind,
        visibility,
        category,
        createdBy,
        archived,
        lastSeq,
        createdAt,
        updatedAt,
        version,
        null);
  }
}
