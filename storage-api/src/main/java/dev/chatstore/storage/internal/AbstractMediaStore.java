package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.UserId;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rules of {@link MediaStore}, written once: argument checks, the item a create stores (a new
 * id, the time), and the errors of a missing uploader, channel or item. Thread-safe when the hooks
 * are.
 */
public abstract class AbstractMediaStore implements MediaStore {

  /** What {@link #insertMedia} found. */
  protected enum Insert {
    /** The item was stored. */
    INSERTED,
    /** Nothing was stored: the uploader does not exist. */
    NO_UPLOADER,
    /** Nothing was stored: the item names a channel that does not exist. */
    NO_CHANNEL
  }

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the storage's clock, for "now"
   */
  protected AbstractMediaStore(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
  }

  @Override
  public final Mono<MediaItem> create(NewMedia media) {
    Checks.notNull(media, "media");
    return Mono.defer(
        () -> {
          MediaItem item =
              new MediaItem(
                  MediaId.generate(),
                  media.filename(),
                  media.contentType(),
                  media.size(),
                  media.sha256(),
                  media.description(),
                  media.uploaderId(),
                  media.channelId(),
                  Instants.now(clock));
          return insertMedia(item)
              .flatMap(
                  outcome ->
                      switch (outcome) {
                        case INSERTED -> Mono.just(item);
                        case NO_UPLOADER ->
                            Mono.error(Failures.missingReference("user", media.uploaderId()));
                        case NO_CHANNEL ->
                            Mono.error(Failures.missingReference("channel", media.channelId()));
                      });
        });
  }

  @Override
  public final Mono<MediaItem> findById(MediaId id) {
    Checks.notNull(id, "id");
    return Mono.defer(() -> selectMedia(id));
  }

  @Override
  public final Flux<MediaItem> pageByChannel(
      ChannelId channel, @Nullable MediaId after, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    return Flux.defer(() -> selectMediaOfChannel(channel, after, limit));
  }

  @Override
  public final Flux<MediaItem> pageByUploader(UserId uploader, @Nullable MediaId after, int limit) {
    Checks.notNull(uploader, "uploader");
    Checks.limit(limit);
    return Flux.defer(() -> selectMediaOfUploader(uploader, after, limit));
  }

  @Override
  public final Mono<Void> delete(MediaId id) {
    Checks.notNull(id, "id");
    return Mono.defer(
        () ->
            deleteMedia(id)
                .flatMap(
                    n -> n == 0 ? Mono.error(Failures.notFound("media", id)) : Mono.<Void>empty()));
  }

  /**
   * Stores an item if its uploader and its channel (when it names one) exist, in one unit of work.
   * Media outlive their uploader (no foreign key), so the uploader is checked here; a key-value
   * engine may check both with condition checks in the same write.
   *
   * @param item the item to store
   * @return a {@code Mono} of what was found, uploader first
   */
  protected abstract Mono<Insert> insertMedia(MediaItem item);

  /**
   * Reads one item.
   *
   * @param id the item
   * @return a {@code Mono} of the item, empty when there is none
   */
  protected abstract Mono<MediaItem> selectMedia(MediaId id);

  /**
   * Reads a page of a channel's media, ascending by id.
   *
   * @param channel the channel
   * @param after only ids above this one, or null for the first page
   * @param limit the most items, 1 to 500
   * @return a {@code Flux} of at most {@code limit} items
   */
  protected abstract Flux<MediaItem> selectMediaOfChannel(
      ChannelId channel, @Nullable MediaId after, int limit);

  /**
   * Reads a page of an uploader's media, ascending by id.
   *
   * @param uploader the uploader
   * @param after only ids above this one, or null for the first page
   * @param limit the most items, 1 to 500
   * @return a {@code Flux} of at most {@code limit} items
   */
  protected abstract Flux<MediaItem> selectMediaOfUploader(
      UserId uploader, @Nullable MediaId after, int limit);

  /**
   * Deletes one item.
   *
   * @param id the item
   * @return a {@code Mono} of the number of items deleted: 1 or 0
   */
  protected abstract Mono<Long> deleteMedia(MediaId id);
}
