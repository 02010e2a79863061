package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to record a media file. Validated in the constructor. Immutable and thread-safe.
 *
 * @param filename 1 to 255 characters, without control characters, {@code /} or {@code \}
 * @param contentType a media type such as {@code image/png}, at most 255 characters, folded to
 *     lower case
 * @param size the size in bytes, 0 or more
 * @param sha256 the SHA-256 of the content: 64 hex digits, folded to lower case
 * @param description at most 1,000 characters, or null
 * @param uploaderId who uploaded it
 * @param channelId the channel it is shared in, or null
 */
public record NewMedia(
    String filename,
    String contentType,
    long size,
    String sha256,
    @Nullable String description,
    UserId uploaderId,
    @Nullable ChannelId channelId) {

  private static final Pattern TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(;.*)?");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates and normalises the fields.
   *
   * @param filename the file name
   * @param contentType the media type
   * @param size the size
   * @param sha256 the content hash
   * @param description the description or null
   * @param uploaderId the uploader
   * @param channelId the channel or null
   */
  public NewMedia {
    filename = Checks.text(filename, "filename", 255);
    if (filename.indexOf('/') >= 0 || filename.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("filename must not contain '/' or '\\'");
    }
    contentType = Checks.text(contentType, "contentType", 255).toLowerCase(Locale.ROOT);
    if (!TYPE.matcher(contentType).matches()) {
      throw new IllegalArgumentException("contentType must be a media type such as image/png");
    }
    Checks.notNegative(size, "size");
    sha256 = Checks.notNull(sha256, "sha256").toLowerCase(Locale.ROOT);
    if (!HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits");
    }
    description = Checks.optionalText(description, "description", 1000);
    Checks.notNull(uploaderId, "uploaderId");
  }
}
