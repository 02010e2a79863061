package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of an uploaded media file (the content itself is stored elsewhere). Immutable and
 * thread-safe.
 *
 * @param id the id
 * @param filename the file name as uploaded
 * @param contentType the media type, such as {@code image/png}
 * @param size the size in bytes
 * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
 * @param description a description (alt text), or null
 * @param uploaderId who uploaded it
 * @param channelId the channel it was shared in, or null
 * @param createdAt when it was recorded
 */
public record MediaItem(
    MediaId id,
    String filename,
    String contentType,
    long size,
    String sha256,
    @Nullable String description,
    UserId uploaderId,
    @Nullable ChannelId channelId,
    Instant createdAt) {

  /**
   * Validates the fields.
   *
   * @param id the id
   * @param filename the file name
   * @param contentType the media type
   * @param size the size
   * @param sha256 the content hash
   * @param description the description or null
   * @param uploaderId the uploader
   * @param channelId the channel or null
   * @param createdAt the creation time
   */
  public MediaItem {
    Checks.notNull(id, "id");
    Checks.notNull(filename, "filename");
    Checks.notNull(contentType, "contentType");
    Checks.notNull(sha256, "sha256");
    Checks.notNull(uploaderId, "uploaderId");
    createdAt = Checks.micros(Checks.notNull(createdAt, "createdAt"));
  }
}
