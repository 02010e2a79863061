package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.InProcessChangeFeed;
import dev.chatstore.storage.migrations.Migrations;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Opens H2 ({@code r2dbc:h2:mem:///name} or {@code r2dbc:h2:file:///path}): migrations through
 * JDBC, the pool, the scheduler that every (blocking) H2 call runs on, and the in-process change
 * feed. An in-memory database lives while a connection is open: the migration connection stays open
 * as its keeper until the storage closes.
 */
public final class H2Backend {

  private H2Backend() {}

  /**
   * Opens the database. Blocks.
   *
   * @param url the parsed {@code r2dbc:h2:} URL
   * @param settings the settings
   * @param observer told of every statement
   * @return the opened backend
   * @throws IllegalArgumentException if the URL names no database or another protocol
   */
  public static Backend open(
      ConnectionFactoryOptions url, Settings settings, StorageObserver observer) {
    String protocol = Pools.text(url, ConnectionFactoryOptions.PROTOCOL, "mem");
    String database = Pools.text(url, ConnectionFactoryOptions.DATABASE, "");
    if (database.isBlank()) {
      throw new IllegalArgumentException("an H2 URL needs a database name: r2dbc:h2:mem:///name");
    }
    boolean memory = protocol.equals("mem");
    if (!memory && !protocol.equals("file")) {
      throw new IllegalArgumentException(
          "H2 URLs are r2dbc:h2:mem:///name or r2dbc:h2:file:///path");
    }
    String user = Pools.text(url, ConnectionFactoryOptions.USER, "sa");
    String password = Pools.text(url, ConnectionFactoryOptions.PASSWORD, "");
    // the JDBC side (migrations) and the R2DBC side reach the same database by name; the keeper
    // makes an in-memory database outlive idle pools and go away with the last storage using it
    String h2 = protocol + ":" + database + ";LOCK_TIMEOUT=10000";
    Properties jdbc = new Properties();
    jdbc.setProperty("user", user);
    jdbc.setProperty("password", password);
    @Nullable Connection keeper = memory ? keeper("jdbc:h2:" + h2, jdbc) : null;
    if (keeper == null) {
      Pools.migrate("jdbc:h2:" + h2, jdbc);
    }

    H2ConnectionFactory connections =
        new H2ConnectionFactory(
            H2ConnectionConfiguration.builder().url(h2).username(user).password(password).build());
    ConnectionPool pool = Pools.pool(connections, settings, "chatstore-h2");
    // r2dbc-h2 blocks: at most the pool size (and some) of threads block in H2 at once
    Scheduler scheduler =
        Schedulers.newBoundedElastic(
            settings.poolSize() + 4, 100_000, "chatstore-h2-" + database, 60, true);
    InProcessChangeFeed feed = new InProcessChangeFeed();
    Runnable release =
        () -> {
          feed.close();
          pool.dispose();
          // reads in flight finish (and release their connection) before the threads go
          scheduler.disposeGracefully().subscribe(ignored -> {}, ignored -> {});
          if (keeper != null) {
            closeKeeper(keeper);
          }
        };
    return new Backend(new Db(pool, new H2Dialect(), observer, scheduler), feed, pool, release);
  }

  /** Opens the keeper of an in-memory database and migrates through it. */
  private static Connection keeper(String jdbcUrl, Properties properties) {
    Connection connection;
    try {
      connection = DriverManager.getConnection(jdbcUrl, properties);
    } catch (SQLException e) {
      throw new TransientStorageException("cannot connect: " + e.getMessage(), e);
    }
    try {
      Migrations.update(connection);
    } catch (RuntimeException e) {
      closeKeeper(connection);
      throw e;
    }
    return connection;
  }

  private static void closeKeeper(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new InternalStorageException("cannot close the H2 keeper connection", e);
    }
  }
}
