package dev.chatstore.storage.internal;

import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.UserStore;
import java.util.Objects;

/**
 * The stores of one storage, built by a backend's stores factory over one executor (the pool, or
 * one transaction): what {@link StorageShell} hands out. A new store is one more component here
 * (and its accessor in the shell, and its constructor call in each backend's factory).
 *
 * @param users the user store
 * @param channels the channel store
 * @param messages the message store
 * @param readState the read-state store
 * @param sessions the session store
 * @param media the media store
 * @param keyValues the key-value store
 * @param reactions the reaction store
 * @param search the search store
 * @param retention the retention store
 * @param audit the audit store
 */
public record Stores(
    UserStore users,
    ChannelStore channels,
    MessageStore messages,
    ReadStateStore readState,
    SessionStore sessions,
    MediaStore media,
    KeyValueStore keyValues,
    ReactionStore reactions,
    SearchStore search,
    RetentionStore retention,
    AuditStore audit) {

  /** Checks that every store is there. */
  public Stores {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(readState, "readState");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(keyValues, "keyValues");
    Objects.requireNonNull(reactions, "reactions");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(audit, "audit");
  }
}
