package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.ChannelSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import dev.chatstore.storage.sqlite.internal.UserSql;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link MediaStore} on SQLite. Thread-safe. */
public final class SqliteMediaStore implements MediaStore {

  private final SqlExecutor db;
  private final Clock clock;

  SqliteMediaStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<MediaItem> create(NewMedia media) {
    Checks.notNull(media, "media");
    return db.write(
        "MediaStore.create",
        w -> {
          if (one(w.connection(), UserSql.EXISTS, rs -> 1, media.uploaderId()) == null) {
            throw new InvalidArgumentException(
                "uploader " + media.uploaderId() + " does not exist");
          }
          if (media.channelId() != null
              && one(w.connection(), ChannelSql.EXISTS, rs -> 1, media.channelId()) == null) {
            throw new InvalidArgumentException("channel " + media.channelId() + " does not exist");
          }
          Instant now = SqliteRows.now(clock);
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
                  now);
          execute(
              w.connection(),
              SqliteSql.INSERT_MEDIA,
              item.id(),
              item.filename(),
              item.contentType(),
              item.size(),
              item.sha256(),
              orNull(item.description()),
              item.uploaderId(),
              orNull(item.channelId()),
              now);
          return item;
        });
  }

  @Override
  public Mono<MediaItem> findById(MediaId id) {
    Checks.notNull(id, "id");
    return db.read(
        "MediaStore.findById", c -> one(c, SqliteSql.SELECT_MEDIA_BY_ID, SqliteRows::media, id));
  }

  @Override
  public Flux<MediaItem> pageByChannel(ChannelId channel, @Nullable MediaId after, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    String from = after == null ? "" : after.toString();
    return db.read(
            "MediaStore.pageByChannel",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_MEDIA_BY_CHANNEL_AFTER,
                    SqliteRows::media,
                    channel,
                    from,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Flux<MediaItem> pageByUploader(UserId uploader, @Nullable MediaId after, int limit) {
    Checks.notNull(uploader, "uploader");
    Checks.limit(limit);
    String from = after == null ? "" : after.toString();
    return db.read(
            "MediaStore.pageByUploader",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_MEDIA_BY_UPLOADER_AFTER,
                    SqliteRows::media,
                    uploader,
                    from,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  @Override
  public Mono<Void> delete(MediaId id) {
    Checks.notNull(id, "id");
    return db.<Void>write(
        "MediaStore.delete",
        w -> {
          if (execute(w.connection(), SqliteSql.DELETE_MEDIA, id) == 0) {
            throw new NotFoundException("media " + id + " not found");
          }
          return null;
        });
  }
}
