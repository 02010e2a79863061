package dev.chatstore.app.channels;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Role;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A channel as the API shows it.
 *
 * @param id the id
 * @param name the unique name
 * @param topic the topic
 * @param kind {@code text}, {@code announcement} or {@code direct}
 * @param visibility {@code public} or {@code private}
 * @param category the category, or null
 * @param createdBy the creator's user id
 * @param archived whether archived
 * @param lastSeq the position of the newest message
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param version the version (also the ETag)
 * @param role the caller's role, or null when not a member
 */
public record ChannelView(
    String id,
    String name,
    String topic,
    String kind,
    String visibility,
    @Nullable String category,
    String createdBy,
    boolean archived,
    long lastSeq,
    Instant createdAt,
    Instant updatedAt,
    long version,
    @Nullable String role) {

  /**
   * The view of a channel.
   *
   * @param channel the channel
   * @param role the caller's role or null
   * @return the view
   */
  public static ChannelView of(Channel channel, @Nullable Role role) {
    return new ChannelView(
        channel.id().toString(),
        channel.name(),
        channel.topic(),
        lower(channel.kind().name()),
        lower(channel.visibility().name()),
        channel.category(),
        channel.createdBy().toString(),
        channel.archived(),
        channel.lastSeq(),
        channel.createdAt(),
        channel.updatedAt(),
        channel.version(),
        role == null ? null : lower(role.name()));
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
