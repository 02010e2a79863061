package dev.chatstore.storage.sqlite;

import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserStore;
import dev.chatstore.storage.internal.ChangeSignal;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link Storage} that {@link SqliteStorage#inTransaction} hands to its work: every operation
 * runs in the one transaction on the writer connection. Nested {@code inTransaction} calls join it;
 * {@code follow} signals an error; {@code close} does nothing (the outer storage owns the
 * resources).
 */
final class SqliteTransactionStorage implements Storage {

  private final SqliteStorage outer;
  private final SqliteUserStore users;
  private final SqliteChannelStore channels;
  private final SqliteMessageStore messages;
  private final SqliteReadStateStore readState;
  private final SqliteSessionStore sessions;
  private final SqliteMediaStore media;
  private final SqliteKeyValueStore keyValues;
  private final SqliteReactionStore reactions;
  private final SqliteSearchStore search;
  private final SqliteRetentionStore retention;
  private final SqliteAuditStore audit;

  SqliteTransactionStorage(SqliteStorage outer, SqlExecutor db) {
    this.outer = outer;
    Clock clock = outer.options().clock();
    this.users = new SqliteUserStore(db, clock);
    this.channels = new SqliteChannelStore(db, clock);
    this.messages = new SqliteMessageStore(db, clock, new ChangeSignal());
    this.readState = new SqliteReadStateStore(db);
    this.sessions = new SqliteSessionStore(db, clock);
    this.media = new SqliteMediaStore(db, clock);
    this.keyValues = new SqliteKeyValueStore(db, clock);
    this.reactions = new SqliteReactionStore(db, clock);
    this.search = new SqliteSearchStore(db);
    this.retention = new SqliteRetentionStore(db, clock);
    this.audit = new SqliteAuditStore(db);
  }

  @Override
  public UserStore users() {
    return users;
  }

  @Override
  public ChannelStore channels() {
    return channels;
  }

  @Override
  public MessageStore messages() {
    return messages;
  }

  @Override
  public ReadStateStore readState() {
    return readState;
  }

  @Override
  public SessionStore sessions() {
    return sessions;
  }

  @Override
  public MediaStore media() {
    return media;
  }

  @Override
  public KeyValueStore keyValues() {
    return keyValues;
  }

  @Override
  public ReactionStore reactions() {
    return reactions;
  }

  @Override
  public SearchStore search() {
    return search;
  }

  @Override
  public RetentionStore retention() {
    return retention;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public <T> Flux<T> inTransaction(Function<? super Storage, ? extends Publisher<T>> work) {
    Checks.notNull(work, "work");
    return Flux.defer(() -> work.apply(this));
  }

  @Override
  public Mono<Health> health() {
    return outer.health();
  }

  @Override
  public Set<Capability> capabilities() {
    return outer.capabilities();
  }

  @Override
  public void close() {
    // the outer storage owns every resource
  }
}
