package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Media metadata. Every method checks its arguments at call time and touches the database only on
 * subscription; errors are signalled as {@link StorageException}s; cancelling releases the
 * connection. Implementations are thread-safe.
 */
public interface MediaStore {

  /**
   * Records a media file.
   *
   * @param media what to record
   * @return a {@code Mono} that emits the stored item; signals {@link InvalidArgumentException}
   *     when the uploader or the channel does not exist
   */
  Mono<MediaItem> create(NewMedia media);

  /**
   * Finds a media item.
   *
   * @param id the item
   * @return a {@code Mono} that emits the item, or completes empty when there is none
   */
  Mono<MediaItem> findById(MediaId id);

  /**
   * Pages through the media of a channel, oldest first (by id).
   *
   * @param channel the channel
   * @param after the last item of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} items; empty after the last page
   */
  Flux<MediaItem> pageByChannel(ChannelId channel, @Nullable MediaId after, int limit);

  /**
   * Pages through the media a user uploaded, oldest first (by id).
   *
   * @param uploader the uploader
   * @param after the last item of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} items; empty after the last page
   */
  Flux<MediaItem> pageByUploader(UserId uploader, @Nullable MediaId after, int limit);

  /**
   * Deletes a media item's metadata.
   *
   * @param id the item
   * @return a {@code Mono} that completes once committed; signals {@link NotFoundException} when
   *     there is no such item
   */
  Mono<Void> delete(MediaId id);
}
