package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.migrations.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * Opens the bridge's connections to one database file: every one with a busy timeout; the writer in
 * WAL mode with the configured {@code synchronous} and foreign keys on; readers {@code query_only};
 * the migration connection with foreign keys off.
 */
public final class SqliteConnections {

  private final String jdbcUrl;
  private final SqliteConfig config;

  /**
   * Prepares to open connections.
   *
   * @param file the absolute database path
   * @param config the settings
   */
  public SqliteConnections(Path file, SqliteConfig config) {
    this.jdbcUrl = "jdbc:sqlite:" + file;
    this.config = config;
  }

  /**
   * Applies the schema migrations with foreign keys off (Liquibase rebuilds tables on SQLite, and
   * the implicit delete of a rebuild would cascade), then checks every foreign key.
   *
   * @throws InternalStorageException if the migration fails or rows violate foreign keys
   * @throws SQLException if the database cannot be opened
   */
  public void migrate() throws SQLException {
    try (Connection c = open(false, false)) {
      Migrations.update(c);
      if (!c.getAutoCommit()) {
        c.commit();
        c.setAutoCommit(true);
      }
      StringBuilder violations = new StringBuilder();
      int count = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(SqliteSql.FOREIGN_KEY_CHECK)) {
        while (rs.next()) {
          if (count++ < 5) {
            violations
                .append(count > 1 ? "; " : "")
                .append(rs.getString(1))
                .append(" rowid ")
                .append(rs.getLong(2))
                .append(" -> ")
                .append(rs.getString(3));
          }
        }
      }
      if (count > 0) {
        throw new InternalStorageException(
            "after migrating, "
                + count
                + " row(s) violate foreign keys (PRAGMA foreign_key_check): "
                + violations,
            null);
      }
    }
  }

  /**
   * Opens the writer connection.
   *
   * @return a connection in auto-commit mode with foreign keys on
   * @throws SQLException if it cannot be opened
   */
  public Connection openWriter() throws SQLException {
    return open(true, false);
  }

  /**
   * Opens a read connection.
   *
   * @return a {@code query_only} connection
   * @throws SQLException if it cannot be opened
   */
  public Connection openReader() throws SQLException {
    return open(true, true);
  }

  private Connection open(boolean foreignKeys, boolean queryOnly) throws SQLException {
    SQLiteConfig sqlite = new SQLiteConfig();
    if (!queryOnly) {
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(config.synchronous()));
    }
    sqlite.setBusyTimeout(config.busyTimeoutMillis());
    sqlite.enforceForeignKeys(foreignKeys);
    Connection c = JDBC.createConnection(jdbcUrl, sqlite.toProperties());
    if (queryOnly) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA query_only = 1");
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    }
    return c;
  }
}
