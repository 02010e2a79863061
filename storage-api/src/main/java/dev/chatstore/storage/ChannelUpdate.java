package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The mutable fields of a channel, all replaced at once by {@link ChannelStore#update}. Kind and
 * creator never change; archiving has its own methods. Immutable and thread-safe.
 *
 * @param name the new name, as {@link NewChannel#name()}
 * @param topic the new topic
 * @param visibility the new visibility
 * @param category the new category, or null to clear it
 */
public record ChannelUpdate(
    String name, String topic, Visibility visibility, @Nullable String category) {

  /**
   * Validates and normalises the fields.
   *
   * @param name the name
   * @param topic the topic
   * @param visibility the visibility
   * @param category the category or null
   */
  public ChannelUpdate {
    name = NewChannel.name(name);
    topic = NewChannel.topic(topic);
    Checks.notNull(visibility, "visibility");
    category = Checks.optionalText(category, "category", 100);
    if (category != null && category.isBlank()) {
      throw new IllegalArgumentException("category must not be blank");
    }
  }

  /**
   * The update that keeps every field of a channel as it is.
   *
   * @param channel the current channel
   * @return an update equal to the channel's fields
   */
  public static ChannelUpdate of(Channel channel) {
    return new ChannelUpdate(
        channel.name(), channel.topic(), channel.visibility(), channel.category());
  }

  /**
   * Replaces the name.
   *
   * @param value the new name
   * @return a new update
   */
  public ChannelUpdate withName(String value) {
    return new ChannelUpdate(value, topic, visibility, category);
  }

  /**
   * Replaces the topic.
   *
   * @param value the new topic
   * @return a new update
   */
  public ChannelUpdate withTopic(String value) {
    return new ChannelUpdate(name, value, visibility, category);
  }

  /**
   * Replaces the visibility.
   *
   * @param value the new visibility
   * @return a new update
   */
  public ChannelUpdate withVisibility(Visibility value) {
    return new ChannelUpdate(name, topic, value, category);
  }

  /**
   * Replaces the category.
   *
   * @param value the new category or null
   * @return a new update
   */
  public ChannelUpdate withCategory(@Nullable String value) {
    return new ChannelUpdate(name, topic, visibility, value);
  }
}
