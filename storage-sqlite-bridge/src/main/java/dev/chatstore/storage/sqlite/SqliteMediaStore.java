package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractMediaStore;
import dev.chatstore.storage.sqlite.internal.MediaSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link dev.chatstore.storage.MediaStore} on SQLite: the hooks. Thread-safe. */
public final class SqliteMediaStore extends AbstractMediaStore {

  private final SqlExecutor db;

  SqliteMediaStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Insert> insertMedia(MediaItem item) {
    return db.write(
        "MediaStore.create",
        w -> {
          if (one(w.connection(), MediaSql.UPLOADER_EXISTS, rs -> 1, item.uploaderId()) == null) {
            return Insert.NO_UPLOADER;
          }
          if (item.channelId() != null
              && one(w.connection(), MediaSql.CHANNEL_EXISTS, rs -> 1, item.channelId()) == null) {
            return Insert.NO_CHANNEL;
          }
          execute(
              w.connection(),
              MediaSql.INSERT,
              item.id(),
              item.filename(),
              item.contentType(),
              item.size(),
              item.sha256(),
              orNull(item.description()),
              item.uploaderId(),
              orNull(item.channelId()),
              item.createdAt());
          return Insert.INSERTED;
        });
  }

  @Override
  protected Mono<MediaItem> selectMedia(MediaId id) {
    return db.read("MediaStore.findById", c -> one(c, MediaSql.SELECT, MediaSql::row, id));
  }

  @Override
  protected Flux<MediaItem> selectMediaOfChannel(
      ChannelId channel, @Nullable MediaId after, int limit) {
    return page(
        "MediaStore.pageByChannel", MediaSql.SELECT_OF_CHANNEL_AFTER, channel, after, limit);
  }

  @Override
  protected Flux<MediaItem> selectMediaOfUploader(
      UserId uploader, @Nullable MediaId after, int limit) {
    return page(
        "MediaStore.pageByUploader", MediaSql.SELECT_OF_UPLOADER_AFTER, uploader, after, limit);
  }

  private Flux<MediaItem> page(
      String operation, String sql, Object owner, @Nullable MediaId after, int limit) {
    // ids are UUID text of one length: "" sorts before every one of them
    String from = after == null ? "" : after.toString();
    return db.read(operation, c -> list(c, sql, MediaSql::row, owner, from, limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  protected Mono<Long> deleteMedia(MediaId id) {
    return db.write("MediaStore.delete", w -> (long) execute(w.connection(), MediaSql.DELETE, id));
  }
}
