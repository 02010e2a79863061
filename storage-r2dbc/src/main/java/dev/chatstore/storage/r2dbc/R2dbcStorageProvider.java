package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.SchemeProvider;
import dev.chatstore.storage.r2dbc.internal.Backend;
import dev.chatstore.storage.r2dbc.internal.H2Backend;
import dev.chatstore.storage.r2dbc.internal.PostgresBackend;
import dev.chatstore.storage.r2dbc.internal.Settings;
import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * Opens {@link R2dbcStorage}s for {@code r2dbc:postgresql://user:secret@host:5432/db} and {@code
 * r2dbc:h2:mem:///name} (or {@code r2dbc:h2:file:///path}) URLs.
 *
 * <p>Opening runs the Liquibase migrations first, through the JDBC driver of the same database,
 * then creates the connection pool; on PostgreSQL it also opens the one LISTEN connection that
 * wakes followers, and one connection that sends the notifications ({@link PostgresBackend}). An H2
 * in-memory database stays alive until the storage is closed ({@link H2Backend}).
 *
 * <p>Pool settings come from the URL's query parameters, overridden by {@link
 * StorageOptions#properties()}: {@code poolSize} (default 10), {@code maxAcquireTime} (5 s), {@code
 * maxCreateConnectionTime} (10 s), {@code maxValidationTime} (2 s), {@code maxIdleTime} (10 min)
 * and {@code maxPendingAcquire} (256 per connection); see {@link Settings}. A saturated pool fails
 * fast with a {@link TransientStorageException}, never hangs.
 *
 * <p>Follow on PostgreSQL, and {@code followSafetyWakeUp} (default 10 s, {@code 0} disables): see
 * {@link R2dbcStorage}. Stateless and thread-safe.
 */
public final class R2dbcStorageProvider extends SchemeProvider {

  private static final String POSTGRESQL = "r2dbc:postgresql:";

  /** Creates the provider (called by the {@link java.util.ServiceLoader}). */
  public R2dbcStorageProvider() {
    super("r2dbc (postgresql, h2)", POSTGRESQL, "r2dbc:h2:");
  }

  @Override
  protected Storage openSupported(String url, StorageOptions options) {
    ConnectionFactoryOptions parsed;
    try {
      parsed = ConnectionFactoryOptions.parse(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "malformed URL '" + Storages.redact(url) + "': " + e.getMessage(), e);
    }
    Settings settings = Settings.of(parsed, options.properties());
    Backend backend =
        url.startsWith(POSTGRESQL)
            ? PostgresBackend.open(parsed, settings, options.observer())
            : H2Backend.open(parsed, settings, options.observer());
    return new R2dbcStorage(backend, options.clock());
  }
}
