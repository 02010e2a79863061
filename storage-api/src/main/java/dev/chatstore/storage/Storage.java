package dev.chatstore.storage;

import java.util.Set;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An open storage: the stores of one database, transactions across them, health and capabilities.
 * Open one with {@link Storages#open(String)}; close it when done. Thread-safe: share one instance
 * per database in a process.
 */
public interface Storage extends AutoCloseable {

  /**
   * The users.
   *
   * @return the user store
   */
  UserStore users();

  /**
   * Channels and memberships.
   *
   * @return the channel store
   */
  ChannelStore channels();

  /**
   * Message history.
   *
   * @return the message store
   */
  MessageStore messages();

  /**
   * Read state: read positions, unread counts and read receipts.
   *
   * @return the read-state store
   */
  ReadStateStore readState();

  /**
   * Sessions.
   *
   * @return the session store
   */
  SessionStore sessions();

  /**
   * Media metadata.
   *
   * @return the media store
   */
  MediaStore media();

  /**
   * Key-value application state.
   *
   * @return the key-value store
   */
  KeyValueStore keyValues();

  /**
   * Emoji reactions.
   *
   * @return the reaction store
   */
  ReactionStore reactions();

  /**
   * Full-text search.
   *
   * @return the search store
   */
  SearchStore search();

  /**
   * Retention policies and purges.
   *
   * @return the retention store
   */
  RetentionStore retention();

  /**
   * The audit log of channels.
   *
   * @return the audit store
   */
  AuditStore audit();

  /**
   * Runs work across stores in one database transaction.
   *
   * <p>The function receives a {@code Storage} bound to the transaction; everything done through it
   * commits together when the returned publisher completes, and nothing of it remains when the
   * publisher signals an error or the subscription is cancelled (the transaction rolls back). Calls
   * to the outer storage inside the function run outside the transaction. {@link
   * MessageStore#follow} is not available inside a transaction (it signals {@link
   * InvalidArgumentException}); nested {@code inTransaction} calls join the outer transaction.
   * Followers are woken after the commit.
   *
   * @param work builds the transactional work from the bound storage
   * @param <T> what the work emits
   * @return a {@code Flux} of what the work emits, completing after the commit; errors of the work
   *     are signalled after the rollback, commit failures as {@link StorageException}s
   */
  <T> Flux<T> inTransaction(Function<? super Storage, ? extends Publisher<T>> work);

  /**
   * Checks the database with a trivial query.
   *
   * @return a {@code Mono} that emits the health; it emits {@code up = false} rather than an error
   *     when the database does not answer
   */
  Mono<Health> health();

  /**
   * The optional abilities of this backend.
   *
   * @return an immutable set
   */
  Set<Capability> capabilities();

  /**
   * Closes the storage: stops accepting work, lets queued writes finish, ends followers with
   * completion, and releases connections, threads and files. Idempotent; blocks until released.
   * Afterwards every call (a read, a write, {@link #inTransaction}, a new follow) signals {@link
   * InternalStorageException} with the text "the storage is closed", on every backend: not a {@link
   * TransientStorageException}, since a closed storage never reopens.
   */
  @Override
  void close();
}
