package dev.chatstore.storage.sqlite;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.internal.SchemeProvider;
import dev.chatstore.storage.sqlite.internal.SqliteConfig;

/**
 * Registers the SQLite backend for {@code sqlite:} URLs with {@link
 * dev.chatstore.storage.Storages}. Stateless and thread-safe.
 */
public final class SqliteStorageProvider extends SchemeProvider {

  /** Creates the provider (called by {@link java.util.ServiceLoader}). */
  public SqliteStorageProvider() {
    super("sqlite", SqliteConfig.SCHEME);
  }

  @Override
  protected Storage openSupported(String url, StorageOptions options) {
    return SqliteStorage.open(url, options);
  }
}
