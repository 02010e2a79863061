package dev.chatstore.storage.r2dbc.internal;

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
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Maps rows to records, through the dialect's types. Stateless apart from the dialect. */
public final class Rows {

  private final Dialect dialect;

  /**
   * Creates the mapper.
   *
   * @param dialect the dialect
   */
  public Rows(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Maps a row of {@link R2dbcSql#USER_COLUMNS}.
   *
   * @param row the row
   * @return the user
   */
  public User user(Readable row) {
    return new User(
        UserId.of(uuid(row, "id")),
        string(row, "username"),
        string(row, "display_name"),
        row.get("email", String.class),
        row.get("public_key", String.class),
        string(row, "password_hash"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        number(row, "version"));
  }

  /**
   * Maps a row of {@link R2dbcSql#CHANNEL_COLUMNS}.
   *
   * @param row the row
   * @return the channel
   */
  public Channel channel(Readable row) {
    Number keep = row.get("keep_seconds", Number.class);
    return new Channel(
        ChannelId.of(uuid(row, "id")),
        string(row, "name"),
        string(row, "topic"),
        ChannelKind.valueOf(string(row, "kind")),
        Visibility.valueOf(string(row, "visibility")),
        row.get("category", String.class),
        UserId.of(uuid(row, "created_by")),
        Boolean.TRUE.equals(row.get("archived", Boolean.class)),
        number(row, "last_seq"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        number(row, "version"),
        keep == null ? null : Duration.ofSeconds(keep.longValue()));
  }

  /**
   * Maps a row of {@link R2dbcSql#MEMBERSHIP_COLUMNS}.
   *
   * @param row the row
   * @return the membership
   */
  public Membership membership(Readable row) {
    return new Membership(
        ChannelId.of(uuid(row, "channel_id")),
        UserId.of(uuid(row, "user_id")),
        Role.valueOf(string(row, "role")),
        number(row, "read_seq"),
        instant(row, "joined_at"));
  }

  /**
   * Maps a row of {@link R2dbcSql#AUDIT_COLUMNS}.
   *
   * @param row the row
   * @return the entry
   */
  public AuditEntry auditEntry(Readable row) {
    UUID actor = dialect.uuid(row, "actor_id");
    UUID targetUser = dialect.uuid(row, "target_user_id");
    UUID targetMessage = dialect.uuid(row, "target_message_id");
    return new AuditEntry(
        AuditId.of(uuid(row, "id")),
        ChannelId.of(uuid(row, "channel_id")),
        actor == null ? null : UserId.of(actor),
        AuditAction.valueOf(string(row, "action")),
        targetUser == null ? null : UserId.of(targetUser),
        targetMessage == null ? null : MessageId.of(targetMessage),
        string(row, "detail"),
        instant(row, "at"));
  }

  /**
   * Maps a row of {@link R2dbcSql#MEDIA_COLUMNS}.
   *
   * @param row the row
   * @return the item
   */
  public MediaItem media(Readable row) {
    UUID channel = dialect.uuid(row, "channel_id");
    return new MediaItem(
        MediaId.of(uuid(row, "id")),
        string(row, "filename"),
        string(row, "content_type"),
        number(row, "size_bytes"),
        string(row, "sha256").strip(),
        row.get("description", String.class),
        UserId.of(uuid(row, "uploader_id")),
        channel == null ? null : ChannelId.of(channel),
        instant(row, "created_at"));
  }

  /**
   * Maps a row of {@link R2dbcSql#KEY_VALUE_COLUMNS}.
   *
   * @param row the row
   * @return the entry
   */
  public KeyValueEntry keyValue(Readable row) {
    return new KeyValueEntry(
        string(row, "partition_key"),
        string(row, "sort_key"),
        Objects.requireNonNull(dialect.bytes(row, "value_bytes"), "value_bytes"),
        number(row, "version"),
        instant(row, "updated_at"));
  }

  /**
   * Reads the first column as a long.
   *
   * @param row the row
   * @return the value
   */
  public static long firstLong(Readable row) {
    Number value = row.get(0, Number.class);
    return Objects.requireNonNull(value, "column 0").longValue();
  }

  /**
   * Reads a UUID column that may be null.
   *
   * @param row the row
   * @param column the column
   * @return the UUID or null
   */
  public @Nullable UUID optionalUuid(Readable row, String column) {
    return dialect.uuid(row, column);
  }

  /**
   * Reads a UUID column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the UUID
   */
  public UUID uuid(Readable row, String column) {
    return Objects.requireNonNull(dialect.uuid(row, column), column);
  }

  /**
   * Reads an instant column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the instant
   */
  public Instant instant(Readable row, String column) {
    return Objects.requireNonNull(dialect.instant(row, column), column);
  }

  /**
   * Reads an instant column that may be null.
   *
   * @param row the row
   * @param column the column
   * @return the instant or null
   */
  public @Nullable Instant optionalInstant(Readable row, String column) {
    return dialect.instant(row, column);
  }

  /**
   * Reads a text column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the text
   */
  public static String string(Readable row, String column) {
    return Objects.requireNonNull(row.get(column, String.class), column);
  }

  /**
   * Reads a BIGINT column that is never null.
   *
   * @param row the row
   * @param column the column
   * @return the value
   */
  public static long number(Readable row, String column) {
    // every number column is a BIGINT: asking for Long takes both drivers' direct codec
    return Objects.requireNonNull(row.get(column, Long.class), column);
  }
}
