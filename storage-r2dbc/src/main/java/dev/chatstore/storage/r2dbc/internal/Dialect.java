package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.internal.ChangeFeed;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What differs in SQL between the databases, so that the stores hold one code path: upsert syntax,
 * returning changed rows, how a post takes its position under the channel's row lock (an {@code
 * UPDATE} that returns the new position locks the row to the end of the transaction on both), and
 * value types. SQL only: runtime state (connections, the change feed, schedulers) lives elsewhere
 * ({@link PgChangeFeed}, {@link Db}). Implementations are stateless and thread-safe.
 */
public interface Dialect {

  /**
   * The backend's name for health reports.
   *
   * @return such as {@code postgresql}
   */
  String name();

  /**
   * The capabilities the backend declares.
   *
   * @return an immutable set
   */
  Set<Capability> capabilities();

  /**
   * Makes an {@code UPDATE} emit the changed rows.
   *
   * @param update an UPDATE statement
   * @param columns the columns to return
   * @return a statement whose rows are the changed rows after the change
   */
  String returning(String update, String columns);

  /**
   * Adds a row lock, held to the end of the transaction, to a {@code SELECT}.
   *
   * @param select a single-table SELECT
   * @return the locking statement
   */
  String forUpdate(String select);

  /**
   * Adds a lock to a {@code SELECT} that keeps the rows from changing until the transaction ends
   * while letting other readers lock them the same way (PostgreSQL {@code FOR SHARE}).
   *
   * @param select a single-table SELECT
   * @return the locking statement
   */
  String forShare(String select);

  /**
   * Counts one more reply of a thread root, creating its counters at the first: binds root, reply
   * time. Runs under the channel's lock (see {@link R2dbcSql#LOCK_CHANNEL}).
   *
   * @return the statement
   */
  String upsertThreadReply();

  /**
   * Adds a reaction unless it exists, changing one row or none: binds message, user, emoji,
   * created-at.
   *
   * @return the statement
   */
  String insertReactionIfAbsent();

  /**
   * Sets a channel's retention: binds channel, seconds.
   *
   * @return the statement
   */
  String upsertRetention();

  /**
   * How this database matches and scores the terms of a search, as SQL over the message alias
   * {@code m} with bind markers from {@code firstMarker} on. The terms are letters and digits only
   * ({@link SearchQuery#terms()}) and are always bound, never concatenated into the SQL.
   *
   * @param terms the terms, at least one
   * @param firstMarker the number of the first bind marker to use
   * @return the predicate, the score expression and their bound values
   */
  SearchMatch searchMatch(List<SearchQuery.Term> terms, int firstMarker);

  /**
   * A search predicate and its score.
   *
   * @param predicate a boolean SQL expression true when every term matches {@code m.body}
   * @param score a DOUBLE PRECISION SQL expression, higher is better
   * @param args the values of the markers both use, in marker order
   */
  record SearchMatch(String predicate, String score, List<Object> args) {}

  /**
   * Adds a member or changes the role of an existing one, keeping its read position: binds channel,
   * user, role, joined-at.
   *
   * @return the statement
   */
  String upsertMembership();

  /**
   * Writes a key-value entry at version 1 or replaces it with version + 1: binds partition, sort
   * key, value, updated-at.
   *
   * @return the statement
   */
  String upsertKeyValue();

  /**
   * Converts a value to what the driver binds.
   *
   * @param value an application value (Instant, UUID, byte[], String, Long, ...)
   * @return the driver value
   */
  Object bindValue(Object value);

  /**
   * The driver type to bind a null of an application type as.
   *
   * @param type the application type
   * @return the driver type
   */
  Class<?> bindType(Class<?> type);

  /**
   * Reads a timestamp column.
   *
   * @param row the row
   * @param column the column
   * @return the instant, or null
   */
  @Nullable Instant instant(Readable row, String column);

  /**
   * Reads a UUID column.
   *
   * @param row the row
   * @param column the column
   * @return the UUID, or null
   */
  @Nullable UUID uuid(Readable row, String column);

  /**
   * Reads a binary column.
   *
   * @param row the row
   * @param column the column
   * @return a fresh array, or null
   */
  byte @Nullable [] bytes(Readable row, String column);

  /**
   * Appends a message at its channel's next position, taken under the channel's row lock, and tells
   * the change feed once it commits ({@link Db#afterCommit}).
   *
   * @param db the executor, possibly bound to an enclosing transaction
   * @param message the values to bind: id, channel, author, body, parent, client transaction id,
   *     created-at
   * @param channel the channel
   * @param feed the storage's change feed, told after the commit
   * @return a {@code Mono} of the position, empty when the channel does not exist
   */
  Mono<Long> appendMessage(Db db, Object[] message, ChannelId channel, ChangeFeed feed);
}
