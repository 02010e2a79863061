package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractReactionStore;
import dev.chatstore.storage.sqlite.internal.ReactionSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ReactionStore} on SQLite: the hooks. An add is one write of the
 * single writer, so no delete can come between its check and its insert; a summary of many messages
 * is one query, the ids bound as one JSON array read with {@code json_each}. Thread-safe.
 */
public final class SqliteReactionStore extends AbstractReactionStore {

  private final SqlExecutor db;

  SqliteReactionStore(SqlExecutor db, Clock clock) {
    super(clock);
    this.db = db;
  }

  @Override
  protected Mono<Add> insertReaction(MessageId message, UserId user, String emoji, Instant now) {
    return db.write(
        "ReactionStore.add",
        w -> {
          if (one(w.connection(), ReactionSql.LIVE_MESSAGE_EXISTS, rs -> 1, message) == null) {
            return Add.NO_MESSAGE;
          }
          if (one(w.connection(), ReactionSql.USER_EXISTS, rs -> 1, user) == null) {
            return Add.NO_USER;
          }
          int added =
              execute(w.connection(), ReactionSql.INSERT_IF_ABSENT, message, user, emoji, now);
          return added == 1 ? Add.ADDED : Add.EXISTED;
        });
  }

  @Override
  protected Mono<Long> deleteReaction(MessageId message, UserId user, String emoji) {
    return db.write(
        "ReactionStore.remove",
        w -> (long) execute(w.connection(), ReactionSql.DELETE, message, user, emoji));
  }

  @Override
  protected Flux<Count> selectReactionCounts(List<MessageId> messages, @Nullable UserId viewer) {
    // ids are UUIDs: their text needs no JSON escaping
    StringJoiner json = new StringJoiner("\",\"", "[\"", "\"]");
    messages.forEach(id -> json.add(id.toString()));
    String ids = json.toString();
    return db.read(
            "ReactionStore.summarize",
            c -> list(c, ReactionSql.SELECT_COUNTS, ReactionSql::count, orNull(viewer), ids))
        .flatMapIterable(rows -> rows);
  }
}
