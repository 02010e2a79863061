package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractReactionStore;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.Errors;
import dev.chatstore.storage.r2dbc.internal.ReactionSql;
import dev.chatstore.storage.r2dbc.internal.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link dev.chatstore.storage.ReactionStore} over R2DBC: the hooks. Adding share-locks the message
 * row, so that a reaction cannot slip in next to a concurrent delete (which drops the message's
 * reactions); summaries of many messages come from one grouped query. Thread-safe.
 */
public final class R2dbcReactionStore extends AbstractReactionStore {

  /** Bound as the viewer when there is none: an id no user has. */
  private static final UUID NOBODY = new UUID(0, 0);

  private final Db db;
  private final ReactionSql sql;
  private final String lockLiveMessage;
  private final String insertIfAbsent;

  R2dbcReactionStore(Db db, Clock clock) {
    super(clock);
    this.db = db;
    this.sql = new ReactionSql(new Rows(db.dialect()));
    this.lockLiveMessage = db.dialect().forShare(ReactionSql.SELECT_LIVE_MESSAGE_AND_USER);
    this.insertIfAbsent = db.dialect().insertReactionIfAbsent();
  }

  @Override
  protected Mono<Add> insertReaction(MessageId message, UserId user, String emoji, Instant now) {
    String op = "ReactionStore.add";
    Mono<Add> add =
        db.transaction(
                op,
                tx ->
                    tx.queryOne(
                            op,
                            lockLiveMessage,
                            ReactionSql::userExists,
                            message.value(),
                            user.value())
                        .flatMap(
                            userExists ->
                                !userExists
                                    ? Mono.just(Add.NO_USER)
                                    : tx.write(
                                            op,
                                            insertIfAbsent,
                                            message.value(),
                                            user.value(),
                                            emoji,
                                            now)
                                        .map(n -> n > 0 ? Add.ADDED : Add.EXISTED))
                        .defaultIfEmpty(Add.NO_MESSAGE))
            .next();
    // two adds of one new reaction raced and this one lost: it existed
    return add.onErrorResume(
        e -> !db.inTransaction() && Errors.isDuplicateOf(e, "pk_reactions"),
        e -> Mono.just(Add.EXISTED));
  }

  @Override
  protected Mono<Long> deleteReaction(MessageId message, UserId user, String emoji) {
    return db.write(
        "ReactionStore.remove", ReactionSql.DELETE, message.value(), user.value(), emoji);
  }

  @Override
  protected Flux<Count> selectReactionCounts(List<MessageId> messages, @Nullable UserId viewer) {
    List<Object> args = new ArrayList<>(messages.size() + 1);
    args.add(viewer == null ? NOBODY : viewer.value());
    messages.forEach(id -> args.add(id.value()));
    return db.read(
        "ReactionStore.summarize",
        ReactionSql.selectCounts(messages.size()),
        Db.MAX_FETCH,
        sql::count,
        args.toArray());
  }
}
