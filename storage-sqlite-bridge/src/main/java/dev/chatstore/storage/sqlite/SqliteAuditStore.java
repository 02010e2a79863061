package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteRows;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * {@link AuditStore} on SQLite. The stores append entries with {@link #append} inside the write
 * that makes the change, so an entry commits (or rolls back) with it. Thread-safe.
 */
public final class SqliteAuditStore implements AuditStore {

  private final SqlExecutor db;

  SqliteAuditStore(SqlExecutor db) {
    this.db = db;
  }

  @Override
  public Flux<AuditEntry> page(ChannelId channel, @Nullable AuditId before, int limit) {
    Checks.notNull(channel, "channel");
    Checks.limit(limit);
    Object cursor = orNull(before);
    return db.read(
            "AuditStore.page",
            c ->
                list(
                    c,
                    SqliteSql.SELECT_AUDIT_BEFORE,
                    SqliteRows::audit,
                    channel,
                    cursor,
                    cursor,
                    limit))
        .flatMapIterable(rows -> rows);
  }

  /** Appends an entry on the writer connection, inside the current write. */
  static void append(
      Connection c,
      Instant at,
      ChannelId channel,
      @Nullable UserId actor,
      AuditAction action,
      @Nullable UserId targetUser,
      @Nullable MessageId targetMessage,
      String detail)
      throws SQLException {
    execute(
        c,
        SqliteSql.INSERT_AUDIT,
        AuditId.generate(),
        channel,
        orNull(actor),
        action,
        orNull(targetUser),
        orNull(targetMessage),
        detail,
        at);
  }

  /** Appends an entry built by the shared store layer, inside the current write. */
  static void append(Connection c, AuditEntry entry) throws SQLException {
    execute(
        c,
        SqliteSql.INSERT_AUDIT,
        entry.id(),
        entry.channelId(),
        orNull(entry.actorId()),
        entry.action(),
        orNull(entry.targetUserId()),
        orNull(entry.targetMessageId()),
        entry.detail(),
        entry.at());
  }
}
