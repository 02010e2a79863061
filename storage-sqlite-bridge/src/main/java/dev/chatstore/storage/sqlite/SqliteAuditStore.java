package dev.chatstore.storage.sqlite;

import static dev.chatstore.storage.sqlite.internal.SqliteRows.execute;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.list;
import static dev.chatstore.storage.sqlite.internal.SqliteRows.orNull;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractAuditStore;
import dev.chatstore.storage.sqlite.internal.AuditSql;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * {@link dev.chatstore.storage.AuditStore} on SQLite. The stores append entries with {@link
 * #append} inside the write that makes the change, so an entry commits (or rolls back) with it.
 * Thread-safe.
 */
public final class SqliteAuditStore extends AbstractAuditStore {

  private final SqlExecutor db;

  SqliteAuditStore(SqlExecutor db) {
    this.db = db;
  }

  @Override
  protected Flux<AuditEntry> selectEntries(ChannelId channel, @Nullable AuditId before, int limit) {
    Object cursor = orNull(before);
    return db.read(
            "AuditStore.page",
            c -> list(c, AuditSql.SELECT_BEFORE, AuditSql::row, channel, cursor, limit))
        .flatMapIterable(rows -> rows);
  }

  /**
   * Appends an entry ({@link AbstractAuditStore#newEntry}) on the writer, inside the current write.
   */
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
    append(c, newEntry(at, channel, actor, action, targetUser, targetMessage, detail));
  }

  /** Appends an entry on the writer connection, inside the current write. */
  static void append(Connection c, AuditEntry entry) throws SQLException {
    execute(c, AuditSql.INSERT, AuditSql.values(entry));
  }
}
