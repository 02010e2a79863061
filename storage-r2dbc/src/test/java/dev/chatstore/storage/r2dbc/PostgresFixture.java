package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestDatabase;
import dev.chatstore.storage.testsupport.EmbeddedPostgresServer;
import dev.chatstore.storage.testsupport.EmbeddedPostgresServer.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The TCK's PostgreSQL fixture: a fresh database per {@link #createDatabase()} on the test JVM's
 * one embedded PostgreSQL 17 server ({@link EmbeddedPostgresServer}, storage-test-support).
 */
public final class PostgresFixture implements StorageFixture {

  /** The one fixture of the test JVM. */
  public static final PostgresFixture INSTANCE = new PostgresFixture();

  private PostgresFixture() {}

  @Override
  public String name() {
    return "postgresql";
  }

  /**
   * A JDBC connection to the server's {@code postgres} database as the superuser.
   *
   * @return the connection
   * @throws SQLException if it cannot connect
   */
  public Connection admin() throws SQLException {
    return EmbeddedPostgresServer.get().admin();
  }

  @Override
  public PostgresDatabase createDatabase() {
    return new PostgresDatabase(EmbeddedPostgresServer.get().createDatabase("chatstore_t"));
  }

  /** One database of the embedded server. */
  public static final class PostgresDatabase implements TestDatabase {
    private final Database database;
    private boolean closed;

    PostgresDatabase(Database database) {
      this.database = database;
    }

    /**
     * The database's name.
     *
     * @return the name
     */
    public String name() {
      return database.name();
    }

    /**
     * The storage URL of this database.
     *
     * @return an {@code r2dbc:postgresql:} URL
     */
    public String url() {
      return database.r2dbcUrl();
    }

    /**
     * The JDBC URL of this database.
     *
     * @return a {@code jdbc:postgresql:} URL
     */
    public String jdbcUrl() {
      return database.jdbcUrl();
    }

    @Override
    public Storage open(StorageOptions options) {
      return Storages.open(url(), options);
    }

    @Override
    public Connection openMigrationConnection() throws SQLException {
      return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      database.drop();
    }
  }
}
