package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.internal.ChangeFeed;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * H2 2.x: {@code FINAL TABLE} instead of {@code RETURNING}, {@code MERGE} upserts (H2 rejects
 * {@code INSERT ... ON CONFLICT ... RETURNING}), {@code TIMESTAMP WITH TIME ZONE} as {@link
 * OffsetDateTime}. r2dbc-h2 blocks internally, so its calls run on a scheduler of the storage's own
 * ({@link Db}), never on the caller's thread; follow uses the in-process change feed.
 *
 * <p>Search: H2 has no index that matches whole words case-insensitively the way PostgreSQL's
 * 'simple' configuration and SQLite's FTS5 do, so each term is a bound Java regular expression
 * tested with {@code REGEXP_LIKE}: {@code (?iu)(?<![\p{L}\p{Nd}])word(?![\p{L}\p{Nd}])}, or without
 * the trailing look-ahead for a prefix term. The word holds only letters and digits, so it needs no
 * escaping; the boundaries are exactly {@link SearchQuery}'s (a letter or decimal digit is part of
 * a word, anything else splits), case folding is Unicode's. The score is the number of occurrences
 * of the terms, counted as the characters {@code REGEXP_REPLACE} removes divided by the word's
 * length: deterministic, and higher for a body that uses the terms more often. It scans every
 * readable message: fine for tests and small embedded data, not for large ones.
 */
public final class H2Dialect implements Dialect {

  private final String incrementSeq = returning(MessageSql.INCREMENT_CHANNEL_SEQ, "last_seq");

  /** Creates the dialect. */
  public H2Dialect() {}

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.PARALLEL_WRITES);
  }

  @Override
  public String returning(String update, String columns) {
    return "SELECT " + columns + " FROM FINAL TABLE (" + update.strip() + ")";
  }

  @Override
  public String forUpdate(String select) {
    return select.strip() + " FOR UPDATE";
  }

  @Override
  public String forShare(String select) {
    // H2 has no shared row locks
    return select.strip() + " FOR UPDATE";
  }

  @Override
  public SearchMatch searchMatch(List<SearchQuery.Term> terms, int firstMarker) {
    StringBuilder predicate = new StringBuilder();
    StringBuilder score = new StringBuilder("CAST((");
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      SearchQuery.Term term = terms.get(i);
      String marker = "$" + (firstMarker + i);
      args.add(
          "(?iu)(?<![\\p{L}\\p{Nd}])" + term.word() + (term.prefix() ? "" : "(?![\\p{L}\\p{Nd}])"));
      predicate
          .append(i == 0 ? "" : " AND ")
          .append("REGEXP_LIKE(m.body, ")
          .append(marker)
          .append(')');
      score
          .append(i == 0 ? "" : " + ")
          .append("(CHAR_LENGTH(m.body) - CHAR_LENGTH(REGEXP_REPLACE(m.body, ")
          .append(marker)
          .append(", ''))) / ")
          .append(term.word().length());
    }
    score.append(") AS DOUBLE PRECISION)");
    return new SearchMatch(predicate.toString(), score.toString(), List.copyOf(args));
  }

  @Override
  public String upsertThreadReply() {
    return """
        MERGE INTO message_threads t
        USING (VALUES (CAST($1 AS UUID), CAST($2 AS TIMESTAMP WITH TIME ZONE)))
              AS s (message_id, last_reply_at)
           ON t.message_id = s.message_id
        WHEN MATCHED THEN UPDATE
             SET reply_count = t.reply_count + 1,
                 last_reply_at = GREATEST(COALESCE(t.last_reply_at, s.last_reply_at), s.last_reply_at)
        WHEN NOT MATCHED THEN INSERT (message_id, reply_count, last_reply_at)
             VALUES (s.message_id, 1, s.last_reply_at)
        """;
  }

  @Override
  public String insertReactionIfAbsent() {
    return """
        MERGE INTO reactions r
        USING (VALUES (CAST($1 AS UUID), CAST($2 AS UUID), CAST($3 AS VARCHAR(256)),
                       CAST($4 AS TIMESTAMP WITH TIME ZONE)))
              AS s (message_id, user_id, emoji, created_at)
           ON r.message_id = s.message_id AND r.user_id = s.user_id AND r.emoji = s.emoji
        WHEN NOT MATCHED THEN INSERT (message_id, user_id, emoji, created_at)
             VALUES (s.message_id, s.user_id, s.emoji, s.created_at)
        """;
  }

  @Override
  public String upsertRetention() {
    return """
        MERGE INTO channel_retention r
        USING (VALUES (CAST($1 AS UUID), CAST($2 AS BIGINT))) AS s (channel_id, keep_seconds)
           ON r.channel_id = s.channel_id
        WHEN MATCHED THEN UPDATE SET keep_seconds = s.keep_seconds
        WHEN NOT MATCHED THEN INSERT (channel_id, keep_seconds) VALUES (s.channel_id, s.keep_seconds)
        """;
  }

  @Override
  public String upsertMembership() {
    return """
        MERGE INTO memberships m
        USING (VALUES (CAST($1 AS UUID), CAST($2 AS UUID), CAST($3 AS VARCHAR(16)),
                       CAST($4 AS TIMESTAMP WITH TIME ZONE)))
              AS s (channel_id, user_id, role, joined_at)
           ON m.channel_id = s.channel_id AND m.user_id = s.user_id
        WHEN MATCHED THEN UPDATE SET role = s.role
        WHEN NOT MATCHED THEN INSERT (channel_id, user_id, role, read_seq, joined_at)
             VALUES (s.channel_id, s.user_id, s.role, 0, s.joined_at)
        """;
  }

  @Override
  public String upsertKeyValue() {
    return """
        MERGE INTO key_values k
        USING (VALUES (CAST($1 AS VARCHAR(512)), CAST($2 AS VARCHAR(512)),
                       CAST($3 AS VARBINARY(262144)), CAST($4 AS TIMESTAMP WITH TIME ZONE)))
              AS s (partition_key, sort_key, value_bytes, updated_at)
           ON k.partition_key = s.partition_key AND k.sort_key = s.sort_key
        WHEN MATCHED THEN UPDATE
             SET value_bytes = s.value_bytes, version = k.version + 1, updated_at = s.updated_at
        WHEN NOT MATCHED THEN INSERT (partition_key, sort_key, value_bytes, version, updated_at)
             VALUES (s.partition_key, s.sort_key, s.value_bytes, 1, s.updated_at)
        """;
  }

  @Override
  public Object bindValue(Object value) {
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return value;
  }

  @Override
  public Class<?> bindType(Class<?> type) {
    return type == Instant.class ? OffsetDateTime.class : type;
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
    byte[] value = row.get(column, byte[].class);
    return value == null ? null : value.clone();
  }

  @Override
  public Mono<Long> appendMessage(Db db, Object[] message, ChannelId channel, ChangeFeed feed) {
    String op = "MessageStore.post";
    return db.transaction(
            op,
            tx ->
                tx.queryOne(op, incrementSeq, Rows::firstLong, channel.value())
                    .flatMap(
                        seq -> {
                          Object[] row = message.clone();
                          Object[] values = new Object[row.length + 1];
                          values[0] = row[0];
                          values[1] = row[1];
                          values[2] = seq;
                          System.arraycopy(row, 2, values, 3, row.length - 2);
                          return tx.write(op, MessageSql.INSERT, values)
                              .then(
                                  Mono.fromRunnable(
                                      () -> tx.afterCommit(() -> feed.committed(channel))))
                              .thenReturn(seq);
                        }))
        .next();
  }
}
