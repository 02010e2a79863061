package dev.chatstore.storage.internal;

import dev.chatstore.storage.ConflictException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The unique keys of the schema and the record field each one protects: the one table every
 * backend's error translator reads to turn a unique violation into {@link Failures#duplicate}, so
 * that a conflict names the field ({@code username}), never a constraint name or driver text.
 *
 * <p>It recognises the forms the drivers report: a constraint or index name (PostgreSQL {@code
 * unique constraint "uq_users_email"}, H2 {@code "PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON ...}") and
 * SQLite's column form ({@code UNIQUE constraint failed: users.username}). A new unique key in the
 * changelog gets a line here. Immutable and thread-safe.
 */
public final class UniqueKeys {

  /**
   * A unique key of the schema.
   *
   * @param constraint its name in the changelog, lower case (such as {@code uq_users_email})
   * @param field the record field whose value it keeps unique (such as {@code email})
   * @param table the table
   * @param columns its columns, in key order
   */
  public record Key(String constraint, String field, String table, List<String> columns) {

    /**
     * Copies the columns.
     *
     * @param constraint the constraint name
     * @param field the record field
     * @param table the table
     * @param columns the columns
     */
    public Key {
      Checks.notNull(constraint, "constraint");
      Checks.notNull(field, "field");
      Checks.notNull(table, "table");
      columns = List.copyOf(columns);
    }

    /**
     * The key as SQLite names it in a constraint failure.
     *
     * @return such as {@code messages.author_id, messages.client_txn_id}
     */
    public String sqliteColumns() {
      return String.join(", ", columns.stream().map(c -> table + "." + c).toList());
    }
  }

  private static final List<Key> KEYS =
      List.of(
          key("uq_users_username", "username", "users", "username"),
          key("uq_users_email", "email", "users", "email"),
          key("uq_users_public_key", "publicKey", "users", "public_key"),
          key("uq_channels_name", "name", "channels", "name"),
          key("uq_sessions_token_hash", "tokenHash", "sessions", "token_hash"),
          key("ux_messages_author_txn", "clientTxnId", "messages", "author_id", "client_txn_id"),
          key("ux_messages_channel_seq", "seq", "messages", "channel_id", "seq"),
          key("pk_users", "id", "users", "id"),
          key("pk_channels", "id", "channels", "id"),
          key("pk_memberships", "userId", "memberships", "channel_id", "user_id"),
          key("pk_messages", "id", "messages", "id"),
          key("pk_sessions", "id", "sessions", "id"),
          key("pk_media", "id", "media", "id"),
          key("pk_key_values", "sortKey", "key_values", "partition_key", "sort_key"),
          key("pk_message_threads", "messageId", "message_threads", "message_id"),
          key("pk_reactions", "emoji", "reactions", "message_id", "user_id", "emoji"),
          key("pk_message_edits", "version", "message_edits", "message_id", "version"),
          key("pk_channel_retention", "channelId", "channel_retention", "channel_id"),
          key("pk_audit_log", "id", "audit_log", "id"));

  /** SQLite: "UNIQUE constraint failed: t.a, t.b" (the columns, no constraint name). */
  private static final Pattern SQLITE_COLUMNS =
      Pattern.compile("unique constraint failed: ([\\w.]+(?:, [\\w.]+)*)");

  private UniqueKeys() {}

  /**
   * Every key of the schema.
   *
   * @return the keys, immutable
   */
  public static List<Key> all() {
    return KEYS;
  }

  /**
   * The key of a constraint name.
   *
   * @param constraint the name, such as {@code ux_messages_author_txn}
   * @return the key
   * @throws IllegalArgumentException when the schema has no such key
   */
  public static Key named(String constraint) {
    String lower = constraint.toLowerCase(Locale.ROOT);
    for (Key key : KEYS) {
      if (key.constraint().equals(lower)) {
        return key;
      }
    }
    throw new IllegalArgumentException("no unique key " + constraint);
  }

  /**
   * The key a driver's unique-violation message names.
   *
   * @param driverMessage the driver's message, or null
   * @return the key, or null when the message names none of the schema's keys
   */
  public static @Nullable Key find(@Nullable String driverMessage) {
    if (driverMessage == null) {
      return null;
    }
    String lower = driverMessage.toLowerCase(Locale.ROOT);
    Matcher columns = SQLITE_COLUMNS.matcher(lower);
    if (columns.find()) {
      for (Key key : KEYS) {
        if (key.sqliteColumns().equals(columns.group(1))) {
          return key;
        }
      }
      return null;
    }
    // only the part before the first parenthesis: H2 appends the offending values, which are data
    int values = lower.indexOf('(');
    String head = values < 0 ? lower : lower.substring(0, values);
    for (Key key : KEYS) {
      if (head.contains(key.constraint())) {
        return key;
      }
    }
    return null;
  }

  /**
   * The conflict of a unique violation, naming the field of the key the driver reported.
   *
   * @param driverMessage the driver's message, or null
   * @param cause the driver's exception
   * @return a {@link ConflictException.Reason#DUPLICATE_KEY} conflict
   */
  public static ConflictException duplicate(@Nullable String driverMessage, Throwable cause) {
    Key key = find(driverMessage);
    return key == null
        ? Failures.duplicateOfUnknownKey(cause)
        : Failures.duplicate(key.field(), cause);
  }

  /**
   * Whether a failure is the duplicate-key conflict of a given key: by the key its driver cause
   * names, or by the field when there is no cause to read.
   *
   * @param error a translated failure
   * @param constraint the key's name, such as {@code ux_messages_author_txn}
   * @return true when it is a duplicate of that key
   */
  public static boolean isDuplicateOf(Throwable error, String constraint) {
    Key wanted = named(constraint);
    if (!(error instanceof ConflictException conflict)
        || conflict.reason() != ConflictException.Reason.DUPLICATE_KEY) {
      return false;
    }
    Throwable cause = conflict.getCause();
    Key reported = cause == null ? null : find(cause.getMessage());
    return reported != null
        ? reported.equals(wanted)
        : conflict.field().filter(wanted.field()::equals).isPresent();
  }

  private static Key key(String constraint, String field, String table, String... columns) {
    return new Key(constraint, field, table, List.of(columns));
  }
}
