package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.TransientStorageException;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Opens PostgreSQL: migrations through JDBC, the pool, and the change feed with its LISTEN and
 * notifier connections (both unpooled; the notifier's with {@code synchronous_commit = off}, since
 * a wake-up needs no durability). Waits until the LISTEN connection listens.
 */
public final class PostgresBackend {

  private PostgresBackend() {}

  /**
   * Opens the database. Blocks.
   *
   * @param url the parsed {@code r2dbc:postgresql:} URL
   * @param settings the settings
   * @param observer told of every statement
   * @return the opened backend
   * @throws TransientStorageException if the database cannot be reached or listened to
   */
  public static Backend open(
      ConnectionFactoryOptions url, Settings settings, StorageObserver observer) {
    String host = Pools.text(url, ConnectionFactoryOptions.HOST, "localhost");
    Object portValue = url.getValue(ConnectionFactoryOptions.PORT);
    int port = portValue == null ? 5432 : Integer.parseInt(portValue.toString());
    String database = Pools.text(url, ConnectionFactoryOptions.DATABASE, "postgres");
    String user = Pools.text(url, ConnectionFactoryOptions.USER, "postgres");
    String password = Pools.text(url, ConnectionFactoryOptions.PASSWORD, "");

    Properties jdbc = new Properties();
    jdbc.setProperty("user", user);
    jdbc.setProperty("password", password);
    jdbc.setProperty("ApplicationName", "chatstore-migrations");
    Pools.migrate("jdbc:postgresql://" + host + ":" + port + "/" + database, jdbc);

    // a fresh builder each: the notifier's options must not leak into the pool's connections
    Function<String, PostgresqlConnectionConfiguration.Builder> base =
        name ->
            PostgresqlConnectionConfiguration.builder()
                .host(host)
                .port(port)
                .database(database)
                .username(user)
                .password(password)
                .applicationName(name)
                .connectTimeout(settings.maxCreateConnectionTime())
                .tcpKeepAlive(true);
    PostgresqlConnectionFactory connections =
        new PostgresqlConnectionFactory(base.apply("chatstore").build());
    PostgresqlConnectionFactory notifyConnections =
        new PostgresqlConnectionFactory(
            base.apply("chatstore-notify").options(Map.of("synchronous_commit", "off")).build());
    ConnectionPool pool = Pools.pool(connections, settings, "chatstore-postgresql");
    PgChangeFeed feed =
        new PgChangeFeed(connections, notifyConnections, settings.followSafetyWakeUp());
    Runnable release =
        () -> {
          feed.close();
          pool.dispose();
        };
    try {
      feed.listening()
          .get(settings.maxCreateConnectionTime().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release.run();
      throw new TransientStorageException("interrupted while opening the LISTEN connection", e);
    } catch (ExecutionException | TimeoutException e) {
      release.run();
      throw new TransientStorageException("the LISTEN connection could not be opened", e);
    }
    return new Backend(new Db(pool, new PostgresDialect(), observer, null), feed, pool, release);
  }
}
