package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to create a channel. Validated in the constructor. Immutable and thread-safe.
 *
 * @param name 1 to 80 characters of lower-case letters (any script), digits, {@code _}, {@code .}
 *     and {@code -}; upper case is folded to lower case, so names are unique regardless of case
 * @param topic at most 1,000 characters, possibly empty
 * @param kind what the channel is for
 * @param visibility who may see it
 * @param category a grouping label of 1 to 100 characters, or null
 * @param createdBy the creator, who becomes its owner
 */
public record NewChannel(
    String name,
    String topic,
    ChannelKind kind,
    Visibility visibility,
    @Nullable String category,
    UserId createdBy) {

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,80}");

  /**
   * Validates and normalises the fields.
   *
   * @param name the name
   * @param topic the topic
   * @param kind the kind
   * @param visibility the visibility
   * @param category the category or null
   * @param createdBy the creator
   */
  public NewChannel {
    name = name(name);
    topic = topic(topic);
    Checks.notNull(kind, "kind");
    Checks.notNull(visibility, "visibility");
    category = Checks.optionalText(category, "category", 100);
    if (category != null && category.isBlank()) {
      throw new IllegalArgumentException("category must not be blank");
    }
    Checks.notNull(createdBy, "createdBy");
  }

  /**
   * A public text channel without topic or category.
   *
   * @param name the name
   * @param createdBy the creator
   * @return the new channel
   */
  public static NewChannel of(String name, UserId createdBy) {
    return new NewChannel(name, "", ChannelKind.TEXT, Visibility.PUBLIC, null, createdBy);
  }

  /**
   * Validates and folds a channel name as {@link NewChannel} does.
   *
   * @param name the name
   * @return the lower-case name
   * @throws IllegalArgumentException if it is not a valid name
   */
  public static String name(String name) {
    Checks.notNull(name, "name");
    String folded = name.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(folded).matches()) {
      throw new IllegalArgumentException(
          "name must be 1 to 80 letters, digits, '_', '.' or '-', without spaces");
    }
    return folded;
  }

  /**
   * Validates a topic as {@link NewChannel} does.
   *
   * @param topic the topic
   * @return the topic
   * @throws IllegalArgumentException if it is too long or holds control characters
   */
  public static String topic(String topic) {
    Checks.notNull(topic, "topic");
    return Checks.optionalText(topic, "topic", 1000);
  }
}
