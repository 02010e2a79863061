package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.R2dbcSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link ReactionStore} over R2DBC. Adding share-locks the message row, so that a reaction cannot
 * slip in next to a concurrent delete (which drops the message's reactions); summaries of many
 * messages come from one grouped query. Thread-safe.
 */
public final class R2dbcReactionStore implements ReactionStore {

  /**
   * Summaries in the order the contract fixes: count descending, then emoji in code point order
   * (the byte order of their UTF-8, as SQLite compares them), independent of database collations.
   */
  private static final Comparator<ReactionSummary> ORDER =
      Comparator.comparingLong(ReactionSummary::count)
          .reversed()
          .thenComparing(ReactionSummary::emoji, R2dbcReactionStore::compareCodePoints);

  /** Bound as the viewer when there is none: an id no user has. */
  private static final UUID NOBODY = new UUID(0, 0);

  private final Db db;
  private final Clock clock;
  private final String lockLiveMessage;
  private final String insertIfAbsent;

  R2dbcReactionStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.lockLiveMessage = db.dialect().forShare(R2dbcSql.SELECT_LIVE_MESSAGE_FOR_REACTION);
    this.insertIfAbsent = db.dialect().insertReactionIfAbsent();
  }

  @Override
  public Mono<Boolean> add(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    String op = "ReactionStore.add";
    Mono<Boolean> add =
        db.transaction(
                op,
                tx ->
                    tx.queryOne(op, lockLiveMessage, row -> Boolean.TRUE, message.value())
                        .switchIfEmpty(
                            Mono.error(() -> new NotFoundException("no message " + message)))
                        .then(
                            Mono.defer(
                                () ->
                                    tx.write(
                                        op,
                                        insertIfAbsent,
                                        message.value(),
                                        user.value(),
                                        emoji,
                                        R2dbcStorage.now(clock))))
                        .map(n -> n > 0))
            .next();
    // two adds of one new reaction raced and this one lost: it existed
    return add.onErrorResume(
        e -> !db.inTransaction() && Errors.isDuplicateOf(e, "pk_reactions"), e -> Mono.just(false));
  }

  @Override
  public Mono<Boolean> remove(MessageId message, UserId user, String emoji) {
    Checks.notNull(message, "message");
    Checks.notNull(user, "user");
    ReactionStore.checkEmoji(emoji);
    return db.write(
            "ReactionStore.remove", R2dbcSql.DELETE_REACTION, message.value(), user.value(), emoji)
        .map(n -> n > 0);
  }

  @Override
  public Mono<Map<MessageId, List<ReactionSummary>>> summarize(
      Collection<MessageId> messages, @Nullable UserId viewer) {
    Checks.notNull(messages, "messages");
    Set<UUID> ids = new LinkedHashSet<>();
    for (MessageId id : messages) {
      ids.add(Checks.notNull(id, "message id").value());
    }
    if (ids.size() > Checks.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "at most " + Checks.MAX_LIMIT + " messages, got " + ids.size());
    }
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    List<Object> args = new ArrayList<>(ids.size() + 1);
    args.add(viewer == null ? NOBODY : viewer.value());
    args.addAll(ids);
    return db.read(
            "ReactionStore.summarize",
            R2dbcSql.summarizeReactions(ids.size()),
            Db.MAX_FETCH,
            row ->
                Map.entry(
                    MessageId.of(db.dialect().uuid(row, "message_id")),
                    new ReactionSummary(
                        String.valueOf(row.get("emoji", String.class)),
                        Rows.number(row, "n"),
                        Objects.requireNonNull(row.get("mine", Number.class), "mine").intValue()
                            > 0)),
            args.toArray())
        .collect(
            HashMap<MessageId, List<ReactionSummary>>::new,
            (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()))
        .map(
            map -> {
              Map<MessageId, List<ReactionSummary>> sorted = new HashMap<>();
              map.forEach(
                  (id, list) -> {
                    list.sort(ORDER);
                    sorted.put(id, List.copyOf(list));
                  });
              return Map.copyOf(sorted);
            });
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
