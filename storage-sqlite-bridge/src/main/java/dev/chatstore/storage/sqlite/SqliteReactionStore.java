package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.one;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link ReactionStore} on SQLite. A summary of many messages is one query: the ids travel as one
 * bound JSON array read with {@code json_each}. Thread-safe.
 */
public final class SqliteReactionStore implements ReactionStore {

  private final SqlExecutor db;
  private final Clock clock;

  SqliteReactionStore(SqlExecutor db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Mono<Boolean> add(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    return db.write(
        "ReactionStore.add",
        w -> {
          if (one(w.connection(), SqliteSql.LIVE_MESSAGE_EXISTS, rs -> 1, message) == null) {
            throw new NotFoundException("message " + message + " not found");
          }
          return execute(
                  w.connection(),
                  SqliteSql.INSERT_REACTION,
                  message,
                  user,
                  emoji,
                  SqliteRows.now(clock))
              == 1;
        });
  }

  @Override
  public Mono<Boolean> remove(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    return db.write(
        "ReactionStore.remove",
        w -> execute(w.connection(), SqliteSql.DELETE_REACTION, message, user, emoji) == 1);
  }

  @Override
  public Mono<Map<MessageId, List<ReactionSummary>>> summarize(
      Collection<MessageId> messages, @Nullable UserId viewer) {
    Checks.notNull(messages, "messages");
    if (messages.size() > Checks.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "at most " + Checks.MAX_LIMIT + " messages, got " + messages.size());
    }
    // ids are UUIDs: their text needs no JSON escaping
    StringJoiner json = new StringJoiner("\",\"", "[\"", "\"]");
    for (MessageId id : messages) {
      json.add(Checks.notNull(id, "message id").toString());
    }
    if (messages.isEmpty()) {
      return Mono.just(Map.of());
    }
    String ids = json.toString();
    return db.read(
        "ReactionStore.summarize",
        c -> {
          Map<MessageId, List<ReactionSummary>> result = new LinkedHashMap<>();
          for (Object[] row :
              list(
                  c,
                  SqliteSql.SUMMARIZE_REACTIONS,
                  rs ->
                      new Object[] {
                        MessageId.parse(rs.getString(1)),
                        new ReactionSummary(rs.getString(2), rs.getLong(3), rs.getInt(4) == 1)
                      },
                  orNull(viewer),
                  ids)) {
            result
                .computeIfAbsent((MessageId) row[0], k -> new ArrayList<>())
                .add((ReactionSummary) row[1]);
          }
          result.replaceAll((k, v) -> List.copyOf(v));
          return Map.copyOf(result);
        });
  }
}
