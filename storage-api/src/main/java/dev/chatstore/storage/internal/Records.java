package dev.chatstore.storage.internal;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.MediaId;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.time.Duration;
import java.util.UUID;

/**
 * Builds each stored record from the columns of its table, once for every backend (the column names
 * are the changelog's). Fixed-width text columns ({@code CHAR(n)}) are stripped, since some drivers
 * pad them. Stateless.
 */
public final class Records {

  private Records() {}

  /**
   * A row of {@code memberships}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the membership
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> Membership membership(ColumnReader<E> r) throws E {
    return new Membership(
        ChannelId.of(r.uuid("channel_id")),
        UserId.of(r.uuid("user_id")),
        Role.valueOf(r.string("role")),
        r.number("read_seq"),
        r.instant("joined_at"));
  }

  /**
   * A row of {@code audit_log}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the entry
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> AuditEntry audit(ColumnReader<E> r) throws E {
    UUID actor = r.optionalUuid("actor_id");
    UUID user = r.optionalUuid("target_user_id");
    UUID message = r.optionalUuid("target_message_id");
    return new AuditEntry(
        AuditId.of(r.uuid("id")),
        ChannelId.of(r.uuid("channel_id")),
        actor == null ? null : UserId.of(actor),
        AuditAction.valueOf(r.string("action")),
        user == null ? null : UserId.of(user),
        message == null ? null : MessageId.of(message),
        r.string("detail"),
        r.instant("at"));
  }

  /**
   * A row of {@code channels}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the channel
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> Channel channel(ColumnReader<E> r) throws E {
    Long keep = r.optionalNumber("keep_seconds");
    return new Channel(
        ChannelId.of(r.uuid("id")),
        r.string("name"),
        r.string("topic"),
        ChannelKind.valueOf(r.string("kind")),
        Visibility.valueOf(r.string("visibility")),
        r.optionalString("category"),
        UserId.of(r.uuid("created_by")),
        r.flag("archived"),
        r.number("last_seq"),
        r.instant("created_at"),
        r.instant("updated_at"),
        r.number("version"),
        keep == null ? null : Duration.ofSeconds(keep));
  }

  /**
   * A row of {@code message_edits}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the previous body
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> MessageEdit edit(ColumnReader<E> r) throws E {
    return new MessageEdit(
        MessageId.of(r.uuid("message_id")),
        r.number("version"),
        r.string("body"),
        UserId.of(r.uuid("edited_by")),
        r.instant("edited_at"));
  }

  /**
   * A row of {@code key_values}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the entry
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> KeyValueEntry keyValue(ColumnReader<E> r) throws E {
    return new KeyValueEntry(
        r.string("partition_key"),
        r.string("sort_key"),
        r.bytes("value_bytes"),
        r.number("version"),
        r.instant("updated_at"));
  }

  /**
   * A row of {@code media}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the item
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> MediaItem media(ColumnReader<E> r) throws E {
    UUID channel = r.optionalUuid("channel_id");
    return new MediaItem(
        MediaId.of(r.uuid("id")),
        r.string("filename"),
        r.string("content_type"),
        r.number("size_bytes"),
        r.string("sha256").strip(),
        r.optionalString("description"),
        UserId.of(r.uuid("uploader_id")),
        channel == null ? null : ChannelId.of(channel),
        r.instant("created_at"));
  }

  /**
   * A row of {@code sessions}.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the session
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> Session session(ColumnReader<E> r) throws E {
    return new Session(
        SessionId.of(r.uuid("id")),
        UserId.of(r.uuid("user_id")),
        new TokenHash(r.string("token_hash").strip()),
        r.instant("created_at"),
        r.instant("last_seen_at"),
        r.instant("expires_at"));
  }

  /**
   * A row of the unread-count query: a channel, its last position and the reader's position.
   *
   * @param r the row
   * @param <E> what reading may throw
   * @return the count
   * @throws E when a column cannot be read
   */
  public static <E extends Exception> UnreadCount unread(ColumnReader<E> r) throws E {
    return new UnreadCount(
        ChannelId.of(r.uuid("channel_id")), r.number("last_seq"), r.number("read_seq"));
  }
}
