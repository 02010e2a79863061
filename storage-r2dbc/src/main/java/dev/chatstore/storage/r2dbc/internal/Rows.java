package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import io.r2dbc.spi.Readable;
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
   * Maps a row of {@link R2dbcSql#MESSAGE_COLUMNS}.
   *
   * @param row the row
   * @return the message
   */
  public Message message(Readable row) {
    UUID parent = dialect.uuid(row, "parent_id");
    return new Message(
        MessageId.of(uuid(row, "id")),
        ChannelId.of(uuid(row, "channel_id")),
        number(row, "seq"),
        UserId.of(uuid(row, "author_id")),
        string(row, "body"),
        parent == null ? null : MessageId.of(parent),
        row.get("client_txn_id", String.class),
        instant(row, "created_at"),
        dialect.instant(row, "edited_at"),
        dialect.instant(row, "deleted_at"),
        number(row, "version"),
        number(row, "reply_count"),
        dialect.instant(row, "last_reply_at"));
  }

  /**
   * Maps a row of {@link R2dbcSql#MESSAGE_EDIT_COLUMNS}.
   *
   * @param row the row
   * @return the edit
   */
  public MessageEdit messageEdit(Readable row) {
    return new MessageEdit(
        MessageId.of(uuid(row, "message_id")),
        number(row, "version"),
        string(row, "body"),
        UserId.of(uuid(row, "edited_by")),
        instant(row, "edited_at"));
  }

  /**
   * Maps a row of {@link R2dbcSql#SELECT_UNREAD_COUNTS_OF_USER}.
   *
   * @param row the row
   * @return the read state
   */
  public UnreadCount unreadCount(Readable row) {
    return new UnreadCount(
        ChannelId.of(uuid(row, "channel_id")), number(row, "last_seq"), number(row, "read_seq"));
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
