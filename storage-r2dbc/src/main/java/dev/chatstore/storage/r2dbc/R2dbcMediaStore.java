package dev.chatstore.storage.r2dbc;

import static dev.chatstore.storage.r2dbc.internal.Db.orNull;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractMediaStore;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.MediaSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link dev.chatstore.storage.MediaStore} over R2DBC: the hooks. Thread-safe. */
public final class R2dbcMediaStore extends AbstractMediaStore {

  private final Db db;
  private final MediaSql sql;

  R2dbcMediaStore(Db db, Rows rows, Clock clock) {
    super(clock);
    this.db = db;
    this.sql = new MediaSql(rows);
  }

  @Override
  protected Mono<Insert> insertMedia(MediaItem item) {
    String op = "MediaStore.create";
    ChannelId channel = item.channelId();
    return db.transaction(
            op,
            tx -> {
              Mono<Boolean> uploader =
                  tx.read(op, MediaSql.UPLOADER_EXISTS, 2, row -> true, item.uploaderId().value())
                      .hasElements();
              Mono<Boolean> channelExists =
                  channel == null
                      ? Mono.just(true)
                      : tx.read(op, MediaSql.CHANNEL_EXISTS, 2, row -> true, channel.value())
                          .hasElements();
              Mono<Insert> insert =
                  tx.write(
                          op,
                          MediaSql.INSERT,
                          item.id().value(),
                          item.filename(),
                          item.contentType(),
                          item.size(),
                          item.sha256(),
                          orNull(item.description(), String.class),
                          item.uploaderId().value(),
                          orNull(channel == null ? null : channel.value(), UUID.class),
                          item.createdAt())
                      .thenReturn(Insert.INSERTED);
              return uploader.flatMap(
                  found ->
                      !found
                          ? Mono.just(Insert.NO_UPLOADER)
                          : channelExists.flatMap(
                              exists -> exists ? insert : Mono.just(Insert.NO_CHANNEL)));
            })
        .next();
  }

  @Override
  protected Mono<MediaItem> selectMedia(MediaId id) {
    return db.read("MediaStore.findById", MediaSql.SELECT, 2, sql::row, id.value()).next();
  }

  @Override
  protected Flux<MediaItem> selectMediaOfChannel(
      ChannelId channel, @Nullable MediaId after, int limit) {
    return page(
        "MediaStore.pageByChannel",
        MediaSql.SELECT_OF_CHANNEL,
        MediaSql.SELECT_OF_CHANNEL_AFTER,
        channel.value(),
        after,
        limit);
  }

  @Override
  protected Flux<MediaItem> selectMediaOfUploader(
      UserId uploader, @Nullable MediaId after, int limit) {
    return page(
        "MediaStore.pageByUploader",
        MediaSql.SELECT_OF_UPLOADER,
        MediaSql.SELECT_OF_UPLOADER_AFTER,
        uploader.value(),
        after,
        limit);
  }

  private Flux<MediaItem> page(
      String op, String first, String next, UUID owner, @Nullable MediaId after, int limit) {
    return after == null
        ? db.read(op, first, limit + 1, sql::row, owner, limit)
        : db.read(op, next, limit + 1, sql::row, owner, after.value(), limit);
  }

  @Override
  protected Mono<Long> deleteMedia(MediaId id) {
    return db.write("MediaStore.delete", MediaSql.DELETE, id.value());
  }
}
