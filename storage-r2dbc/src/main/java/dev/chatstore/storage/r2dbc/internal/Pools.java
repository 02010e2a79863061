package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.migrations.Migrations;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** What opening either database shares: the bounded pool, the migrations, URL values. */
final class Pools {

  private Pools() {}

  /** A pool that fails fast when saturated: bounded acquire time and pending queue, no retry. */
  static ConnectionPool pool(ConnectionFactory connections, Settings settings, String name) {
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

  /** Runs the migrations through the JDBC driver of the same database. */
  static void migrate(String jdbcUrl, Properties properties) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
      Migrations.update(connection);
    } catch (SQLException e) {
      throw new TransientStorageException(
          "cannot connect to run the migrations: " + e.getMessage(), e);
    }
  }

  /** A URL value as text, or the fallback. */
  static String text(ConnectionFactoryOptions url, Option<?> option, String fallback) {
    @Nullable Object value = url.getValue(option);
    return value == null ? fallback : value.toString();
  }
}
