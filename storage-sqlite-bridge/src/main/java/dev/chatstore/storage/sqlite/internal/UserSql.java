package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code users} table on SQLite: its statements, its column list and its row mapping. */
public final class UserSql {

  private UserSql() {}

  /** The columns {@link #row} reads. */
  private static final String COLUMNS =
      "id, username, display_name, email, public_key, password_hash, created_at, updated_at,"
          + " version";

  /** Inserts a user (id, username, display name, e-mail, key, hash, created = updated). */
  public static final String INSERT =
      "INSERT INTO users (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)";

  /** One user by id. */
  public static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ?";

  /** One user by (lower-case) username. */
  public static final String SELECT_BY_USERNAME =
      "SELECT " + COLUMNS + " FROM users WHERE username = ?";

  /** One user by (lower-case) e-mail. */
  public static final String SELECT_BY_EMAIL = "SELECT " + COLUMNS + " FROM users WHERE email = ?";

  /** One user by public key. */
  public static final String SELECT_BY_PUBLIC_KEY =
      "SELECT " + COLUMNS + " FROM users WHERE public_key = ?";

  /**
   * Replaces a user's mutable fields if the version matches (display name, e-mail, key, hash, now,
   * id, version); returns the new row.
   */
  public static final String UPDATE_IF_VERSION =
      """
      UPDATE users
         SET display_name = ?, email = ?, public_key = ?, password_hash = ?,
             updated_at = ?, version = version + 1
       WHERE id = ? AND version = ?
      RETURNING\s"""
          + COLUMNS;

  /** The version of a user (id). */
  public static final String SELECT_VERSION = "SELECT version FROM users WHERE id = ?";

  /** Whether a user exists (id): a row or none. */
  public static final String EXISTS = "SELECT 1 FROM users WHERE id = ?";

  /** Deletes a user (id); sessions and memberships go by ON DELETE CASCADE. */
  public static final String DELETE = "DELETE FROM users WHERE id = ?";

  /** A page of users after a username (after, or empty for the first page; limit). */
  public static final String SELECT_AFTER =
      "SELECT " + COLUMNS + " FROM users WHERE username > ? ORDER BY username LIMIT ?";

  /**
   * Maps a row of the user columns.
   *
   * @param rs the row
   * @return the user
   * @throws SQLException when a column cannot be read
   */
  public static User row(ResultSet rs) throws SQLException {
    return new User(
        UserId.of(Columns.uuid(rs, "id")),
        Columns.string(rs, "username"),
        Columns.string(rs, "display_name"),
        Columns.optionalString(rs, "email"),
        Columns.optionalString(rs, "public_key"),
        PasswordHash.of(Columns.string(rs, "password_hash")),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"),
        Columns.number(rs, "version"));
  }
}
