package dev.chatstore.storage.sqlite;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.spi.StorageProvider;
import dev.chatstore.storage.sqlite.internal.SqliteConfig;

/**
 * Registers the SQLite backend for {@code sqlite:} URLs with {@link
 * dev.chatstore.storage.Storages}. Stateless and thread-safe.
 */
public final class SqliteStorageProvider implements StorageProvider {

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public SqliteStorageProvider() {}

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public boolean supports(String url) {
    Checks.notNull(url, "url");
    return url.startsWith(SqliteConfig.SCHEME);
  }

  @Override
  public Storage open(String url, StorageOptions options) {
    return SqliteStorage.open(url, options);
  }
}
