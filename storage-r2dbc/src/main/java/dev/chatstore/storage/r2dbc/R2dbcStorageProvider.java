package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.ChangeSignal;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.migrations.Migrations;
import dev.chatstore.storage.r2dbc.internal.Db;
import dev.chatstore.storage.r2dbc.internal.H2Dialect;
import dev.chatstore.storage.r2dbc.internal.PostgresDialect;
import dev.chatstore.storage.r2dbc.internal.Settings;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Opens {@link R2dbcStorage}s for {@code r2dbc:postgresql://user:secret@host:5432/db} and {@code
 * r2dbc:h2:mem:///name} (or {@code r2dbc:h2:file:///path}) URLs.
 *
 * <p>Opening runs the Liquibase migrations first, through the JDBC driver of the same database,
 * then creates the connection pool; on PostgreSQL it also opens the one LISTEN connection that
 * wakes followers. An H2 in-memory database stays alive until the storage is closed.
 *
 * <p>Pool settings come from the URL's query parameters, overridden by {@link
 * StorageOptions#properties()}: {@code poolSize} (default 10), {@code maxAcquireTime} (5 s), {@code
 * maxCreateConnectionTime} (10 s), {@code maxValidationTime} (2 s), {@code maxIdleTime} (10 min)
 * and {@code maxPendingAcquire} (256 per connection); see {@link Settings}. A saturated pool fails
 * fast with a {@link TransientStorageException}, never hangs. Stateless and thread-safe.
 */
public final class R2dbcStorageProvider implements dev.chatstore.storage.spi.StorageProvider {

  private static final String POSTGRESQL = "r2dbc:postgresql:";
  private static final String H2 = "r2dbc:h2:";

  /** Creates the provider (called by the {@link java.util.ServiceLoader}). */
  public R2dbcStorageProvider() {}

  @Override
  public String name() {
    return "r2dbc (postgresql, h2)";
  }

  @Override
  public boolean supports(String url) {
    Checks.notNull(url, "url");
    return url.startsWith(POSTGRESQL) || url.startsWith(H2);
  }

  @Override
  public Storage open(String url, StorageOptions options) {
    Checks.notNull(url, "url");
    Checks.notNull(options, "options");
    if (!supports(url)) {
      throw new IllegalArgumentException("not an r2dbc:postgresql: or r2dbc:h2: URL");
    }
    ConnectionFactoryOptions parsed;
    try {
      parsed = ConnectionFactoryOptions.parse(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "malformed URL '" + Storages.redact(url) + "': " + e.getMessage(), e);
    }
    Settings settings = Settings.of(parsed, options.properties());
    return url.startsWith(POSTGRESQL)
        ? openPostgres(parsed, settings, options)
        : openH2(parsed, settings, options);
  }

  private static Storage openPostgres(
      ConnectionFactoryOptions url, Settings settings, StorageOptions options) {
    String host = text(url, ConnectionFactoryOptions.HOST, "localhost");
    Object portValue = url.getValue(ConnectionFactoryOptions.PORT);
    int port = portValue == null ? 5432 : Integer.parseInt(portValue.toString());
    String database = text(url, ConnectionFactoryOptions.DATABASE, "postgres");
    String user = text(url, ConnectionFactoryOptions.USER, "postgres");
    Object passwordValue = url.getValue(ConnectionFactoryOptions.PASSWORD);
    String password = passwordValue == null ? "" : passwordValue.toString();

    Properties jdbc = new Properties();
    jdbc.setProperty("user", user);
    jdbc.setProperty("password", password);
    jdbc.setProperty("ApplicationName", "chatstore-migrations");
    migrate("jdbc:postgresql://" + host + ":" + port + "/" + database, jdbc);

    PostgresqlConnectionFactory connections =
        new PostgresqlConnectionFactory(
            PostgresqlConnectionConfiguration.builder()
                .host(host)
                .port(port)
                .database(database)
                .username(user)
                .password(password)
                .applicationName("chatstore")
                .connectTimeout(settings.maxCreateConnectionTime())
                .tcpKeepAlive(true)
                .build());
    PostgresDialect dialect = new PostgresDialect();
    ConnectionPool pool = pool(connections, settings, "chatstore-postgresql");
    ChangeSignal signal = new ChangeSignal();
    Disposable listener = dialect.startListener(connections, signal);
    Runnable onClose =
        () -> {
          listener.dispose();
          pool.dispose();
        };
    try {
      dialect
          .listening()
          .get(settings.maxCreateConnectionTime().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      onClose.run();
      throw new TransientStorageException("interrupted while opening the LISTEN connection", e);
    } catch (ExecutionException | TimeoutException e) {
      onClose.run();
      throw new TransientStorageException("the LISTEN connection could not be opened", e);
    }
    return new R2dbcStorage(
        new Db(pool, dialect, options.observer()), signal, options.clock(), pool, onClose);
  }

  private static Storage openH2(
      ConnectionFactoryOptions url, Settings settings, StorageOptions options) {
    String protocol = text(url, ConnectionFactoryOptions.PROTOCOL, "mem");
    String database = text(url, ConnectionFactoryOptions.DATABASE, "");
    if (database.isBlank()) {
      throw new IllegalArgumentException("an H2 URL needs a database name: r2dbc:h2:mem:///name");
    }
    boolean memory = protocol.equals("mem");
    if (!memory && !protocol.equals("file")) {
      throw new IllegalArgumentException(
          "H2 URLs are r2dbc:h2:mem:///name or r2dbc:h2:file:///path");
    }
    String user = text(url, ConnectionFactoryOptions.USER, "sa");
    Object passwordValue = url.getValue(ConnectionFactoryOptions.PASSWORD);
    String password = passwordValue == null ? "" : passwordValue.toString();
    // the JDBC side (migrations) and the R2DBC side reach the same database by name. An
    // in-memory database lives while a connection is open: the migration connection stays open as
    // its keeper until close(), so the database outlives idle pools and goes away with the last
    // storage (or other connection) using it
    String h2 = protocol + ":" + database + ";LOCK_TIMEOUT=10000";
    Properties jdbc = new Properties();
    jdbc.setProperty("user", user);
    jdbc.setProperty("password", password);
    Connection keeper = memory ? connect("jdbc:h2:" + h2, jdbc) : null;
    if (keeper != null) {
      migrate(keeper);
    } else {
      migrate("jdbc:h2:" + h2, jdbc);
    }

    H2ConnectionFactory connections =
        new H2ConnectionFactory(
            H2ConnectionConfiguration.builder().url(h2).username(user).password(password).build());
    H2Dialect dialect = new H2Dialect(settings.poolSize() + 4, database);
    ConnectionPool pool = pool(connections, settings, "chatstore-h2");
    Scheduler scheduler = dialect.blockingScheduler();
    Runnable onClose =
        () -> {
          pool.dispose();
          // reads in flight finish (and release their connection) before the threads go
          scheduler.disposeGracefully().subscribe(ignored -> {}, ignored -> {});
          if (keeper != null) {
            closeQuietly(keeper);
          }
        };
    return new R2dbcStorage(
        new Db(pool, dialect, options.observer()),
        new ChangeSignal(),
        options.clock(),
        pool,
        onClose);
  }

  private static ConnectionPool pool(
      ConnectionFactory connections, Settings settings, String name) {
    int pending = settings.maxPendingAcquire();
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(connections)
            .name(name)
            .initialSize(0)
            .maxSize(settings.poolSize())
            .maxAcquireTime(settings.maxAcquireTime())
            .maxCreateConnectionTime(settings.maxCreateConnectionTime())
            .maxValidationTime(settings.maxValidationTime())
            .maxIdleTime(settings.maxIdleTime())
            // a failed acquire is reported, not retried: saturation must fail fast
            .acquireRetry(0)
            .customizer(builder -> builder.maxPendingAcquire(pending))
            .build());
  }

  private static void migrate(String jdbcUrl, Properties properties) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
      Migrations.update(connection);
    } catch (SQLException e) {
      throw new TransientStorageException(
          "cannot connect to run the migrations: " + e.getMessage(), e);
    }
  }

  private static Connection connect(String jdbcUrl, Properties properties) {
    try {
      return DriverManager.getConnection(jdbcUrl, properties);
    } catch (SQLException e) {
      throw new TransientStorageException("cannot connect: " + e.getMessage(), e);
    }
  }

  private static void migrate(Connection connection) {
    try {
      Migrations.update(connection);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new InternalStorageException("cannot close the H2 keeper connection", e);
    }
  }

  private static String text(
      ConnectionFactoryOptions url, io.r2dbc.spi.Option<?> option, String fallback) {
    @Nullable Object value = url.getValue(option);
    return value == null ? fallback : value.toString();
  }
}
