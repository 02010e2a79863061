package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.internal.ChangeFeed;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL: {@code RETURNING}, {@code ON CONFLICT} upserts, row locks that let inserts
 * referencing the row through ({@code FOR NO KEY UPDATE}, {@code FOR SHARE}), {@code uuid}, {@code
 * timestamptz} as {@link OffsetDateTime}, {@code bytea} as {@link ByteBuffer}, and LISTEN/NOTIFY
 * for follow.
 *
 * <p>Search: {@code to_tsvector('simple', …) @@ to_tsquery('simple', $n)} over the body with its
 * ASCII (and, depending on the locale, other) punctuation turned into spaces, the exact expression
 * of the GIN index {@code ix_messages_body_search} (changeset {@code 0014-search-postgresql}). The
 * 'simple' configuration lower-cases and neither stems nor drops stop words; removing punctuation
 * first keeps PostgreSQL's parser from reading e-mail addresses, hosts, paths or decimals as one
 * token, so words split as {@link SearchQuery} splits them. The tsquery is built from the terms
 * (letters and digits only): {@code word}, or {@code word:*} for a prefix, joined by {@code &}, and
 * bound as one value. Score: {@code ts_rank}. Case folding and what counts as a letter follow the
 * database's locale (LC_CTYPE): under a UTF-8 locale non-ASCII words fold as Java folds them, under
 * the {@code C} locale only ASCII letters do.
 *
 * <p>Follow: a post tells the change feed after its commit ({@link PgChangeFeed}: this storage's
 * followers at once, other processes by a NOTIFY sent shortly after, outside the posting
 * transaction). Stateless.
 */
public final class PostgresDialect implements Dialect {

  /** Creates the dialect. */
  public PostgresDialect() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.copyOf(
        EnumSet.of(
            Capability.CROSS_PROCESS_FOLLOW,
            Capability.PARALLEL_WRITES,
            Capability.NON_BLOCKING_IO));
  }

  @Override
  public String returning(String update, String columns) {
    return update.strip() + " RETURNING " + columns;
  }

  @Override
  public String forUpdate(String select) {
    // not FOR UPDATE: that would also wait for inserts referencing the row (their FOR KEY SHARE)
    return select.strip() + " FOR NO KEY UPDATE";
  }

  @Override
  public String forShare(String select) {
    return select.strip() + " FOR SHARE";
  }

  /** The indexed document of a message: must stay identical to the index's expression. */
  static final String SEARCH_DOCUMENT =
      "to_tsvector('simple', regexp_replace(m.body, '[[:punct:]]', ' ', 'g'))";

  @Override
  public SearchMatch searchMatch(List<SearchQuery.Term> terms, int firstMarker) {
    StringBuilder query = new StringBuilder();
    for (SearchQuery.Term term : terms) {
      if (query.length() > 0) {
        query.append(" & ");
      }
      query.append(term.word()).append(term.prefix() ? ":*" : "");
    }
    String tsquery = "to_tsquery('simple', $" + firstMarker + ")";
    return new SearchMatch(
        SEARCH_DOCUMENT + " @@ " + tsquery,
        "CAST(ts_rank(" + SEARCH_DOCUMENT + ", " + tsquery + ") AS DOUBLE PRECISION)",
        List.of(query.toString()));
  }

  @Override
  public String upsertThreadReply() {
    return """
        INSERT INTO message_threads (message_id, reply_count, last_reply_at)
        VALUES ($1, 1, $2)
        ON CONFLICT (message_id) DO UPDATE
           SET reply_count = message_threads.reply_count + 1,
               last_reply_at = GREATEST(COALESCE(message_threads.last_reply_at, EXCLUDED.last_reply_at),
                                    EXCLUDED.last_reply_at)
        """;
  }

  @Override
  public String insertReactionIfAbsent() {
    return """
        INSERT INTO reactions (message_id, user_id, emoji, created_at)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (message_id, user_id, emoji) DO NOTHING
        """;
  }

  @Override
  public String upsertRetention() {
    return """
        INSERT INTO channel_retention (channel_id, keep_seconds) VALUES ($1, $2)
        ON CONFLICT (channel_id) DO UPDATE SET keep_seconds = EXCLUDED.keep_seconds
        """;
  }

  @Override
  public String upsertMembership() {
    return """
        INSERT INTO memberships (channel_id, user_id, role, read_seq, joined_at)
        VALUES ($1, $2, $3, 0, $4)
        ON CONFLICT (channel_id, user_id) DO UPDATE SET role = EXCLUDED.role
        """;
  }

  @Override
  public String upsertKeyValue() {
    return """
        INSERT INTO key_values (partition_key, sort_key, value_bytes, version, updated_at)
        VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (partition_key, sort_key) DO UPDATE
           SET value_bytes = EXCLUDED.value_bytes, version = key_values.version + 1,
               updated_at = EXCLUDED.updated_at
        """;
  }

  @Override
  public Object bindValue(Object value) {
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes);
    }
    return value;
  }

  @Override
  public Class<?> bindType(Class<?> type) {
    if (type == Instant.class) {
      return OffsetDateTime.class;
    }
    if (type == byte[].class) {
      return ByteBuffer.class;
    }
    return type;
  }

  @Override
  public @Nullable Instant instant(Readable row, String column) {
    OffsetDateTime value = row.get(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public @Nullable UUID uuid(Readable row, String column) {
    return row.get(column, UUID.class);
  }

  @Override
  public byte @Nullable [] bytes(Readable row, String column) {
    ByteBuffer buffer = row.get(column, ByteBuffer.class);
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public Mono<Long> appendMessage(Db db, Object[] message, ChannelId channel, ChangeFeed feed) {
    // one round trip. The Mono emits after ReadyForQuery, so outside a transaction the implicit
    // commit is done; inside one, the wake-ups wait for its commit
    return db.queryOne("MessageStore.post", MessageSql.APPEND, Rows::firstLong, message)
        .doOnNext(seq -> db.afterCommit(() -> feed.committed(channel)));
  }
}
