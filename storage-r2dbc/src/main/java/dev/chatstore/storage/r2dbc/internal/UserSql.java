package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import io.r2dbc.spi.Readable;

/** The {@code users} table over R2DBC: its statements, its column list and its row mapping. */
public final class UserSql {

  /** The columns {@link #row} reads. */
  public static final String COLUMNS =
      "id, username, display_name, email, public_key, password_hash, created_at, updated_at,"
          + " version";

  /** Inserts a user (id, username, display name, e-mail, key, hash, created = updated). */
  public static final String INSERT =
      "INSERT INTO users (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)";

  /** One user by id. */
  public static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = $1";

  /** One user by (lower-case) username. */
  public static final String SELECT_BY_USERNAME =
      "SELECT " + COLUMNS + " FROM users WHERE username = $1";

  /** One user by (lower-case) e-mail. */
  public static final String SELECT_BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE email = $1";

  /** One user by public key. */
  public static final String SELECT_BY_PUBLIC_KEY =
      "SELECT " + COLUMNS + " FROM users WHERE public_key = $1";

  /** The version of a user (id). */
  public static final String SELECT_VERSION = "SELECT version FROM users WHERE id = $1";

  /**
   * Replaces a user's mutable fields if the version matches (id, version, display name, e-mail,
   * key, hash, now). Completed by {@link Dialect#returning}.
   */
  public static final String UPDATE_IF_VERSION =
      """
      UPDATE users
         SET display_name = $3, email = $4, public_key = $5, password_hash = $6, updated_at = $7,
             version = version + 1
       WHERE id = $1 AND version = $2
      """;

  /** Whether a user exists (id): a row or none. */
  public static final String EXISTS = "SELECT 1 FROM users WHERE id = $1";

  /** Deletes a user (id); sessions and memberships go by ON DELETE CASCADE. */
  public static final String DELETE = "DELETE FROM users WHERE id = $1";

  /** The first page of users (limit). */
  public static final String SELECT_FIRST_PAGE =
      "SELECT " + COLUMNS + " FROM users ORDER BY username LIMIT $1";

  /** A page of users after a username (after, limit). */
  public static final String SELECT_PAGE_AFTER =
      "SELECT " + COLUMNS + " FROM users WHERE username > $1 ORDER BY username LIMIT $2";

  private final Rows rows;

  /**
   * Creates the mapping.
   *
   * @param rows the dialect's column readers
   */
  public UserSql(Rows rows) {
    this.rows = rows;
  }

  /**
   * Maps a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the user
   */
  public User row(Readable row) {
    return new User(
        UserId.of(rows.uuid(row, "id")),
        Rows.string(row, "username"),
        Rows.string(row, "display_name"),
        row.get("email", String.class),
        row.get("public_key", String.class),
        PasswordHash.of(Rows.string(row, "password_hash")),
        rows.instant(row, "created_at"),
        rows.instant(row, "updated_at"),
        Rows.number(row, "version"));
  }
}
