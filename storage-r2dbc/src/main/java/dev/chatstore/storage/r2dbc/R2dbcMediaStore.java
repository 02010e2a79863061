package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import dev.chatstore.storage.r2dbc.internal.UserSql;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link MediaStore} over R2DBC. Thread-safe. */
public final class R2dbcMediaStore implements MediaStore {

  private final Db db;
  private final Rows rows;
  private final Clock clock;

  R2dbcMediaStore(Db db, Rows rows, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.clock = clock;
  }

  @Override
  public Mono<MediaItem> create(NewMedia media) {
    Checks.notNull(media, "media");
    String op = "MediaStore.create";
    return db.transaction(
            op,
            tx -> {
              Instant now = R2dbcStorage.now(clock);
              ChannelId channel = media.channelId();
              MediaItem item =
                  new MediaItem(
                      MediaId.generate(),
                      media.filename(),
                      media.contentType(),
                      media.size(),
                      media.sha256(),
                      media.description(),
                      media.uploaderId(),
                      channel,
                      now);
              // no foreign key on the uploader (media outlive users): check it here
              return tx.read(op, UserSql.EXISTS, 2, Rows::firstLong, media.uploaderId().value())
                  .next()
                  .switchIfEmpty(
                      Mono.error(
                          () ->
                              new InvalidArgumentException(
                                  "uploader " + media.uploaderId() + " does not exist")))
                  .then(
                      tx.write(
                          op,
                          R2dbcSql.INSERT_MEDIA,
                          item.id().value(),
                          item.filename(),
                          item.contentType(),
                          item.size(),
                          item.sha256(),
                          orNull(item.description(), String.class),
                          item.uploaderId().value(),
                          orNull(channel == null ? null : channel.value(), UUID.class),
                          now))
                  .thenReturn(item);
            })
        .next();
  }

  @Override
  public Mono<MediaItem> findById(MediaId id) {
    Checks.notNull(id, "id");
    return db.read("MediaStore.findById", R2dbcSql.SELECT_MEDIA_BY_ID, 2, rows::media, id.value())
        .next();
  }

  @Override
  public Flux<MediaItem> pageByChannel(ChannelId channel, @Nullable MediaId after, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    String op = "MediaStore.pageByChannel";
    if (after == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_MEDIA_OF_CHANNEL_FIRST_PAGE,
          limit + 1,
          rows::media,
          channel.value(),
          limit);
    }
    return db.read(
        op,
        R2dbcSql.SELECT_MEDIA_OF_CHANNEL_PAGE_AFTER,
        limit + 1,
        rows::media,
        channel.value(),
        after.value(),
        limit);
  }

  @Override
  public Flux<MediaItem> pageByUploader(UserId uploader, @Nullable MediaId after, int limit) {
    Checks.notNull(uploader, "uploader");
    Checks.limit(limit);
    String op = "MediaStore.pageByUploader";
    if (after == null) {
      return db.read(
          op,
          R2dbcSql.SELECT_MEDIA_OF_UPLOADER_FIRST_PAGE,
          limit + 1,
          rows::media,
          uploader.value(),
          limit);
    }
    return db.read(
        op,
        R2dbcSql.SELECT_MEDIA_OF_UPLOADER_PAGE_AFTER,
        limit + 1,
        rows::media,
        uploader.value(),
        after.value(),
        limit);
  }

  @Override
  public Mono<Void> delete(MediaId id) {
    Checks.notNull(id, "id");
    return R2dbcStorage.one(
        db.write("MediaStore.delete", R2dbcSql.DELETE_MEDIA, id.value()), () -> "no media " + id);
  }
}
