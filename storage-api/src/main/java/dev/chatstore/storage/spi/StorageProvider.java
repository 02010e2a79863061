package dev.chatstore.storage.spi;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;

/**
 * A backend, found by {@link dev.chatstore.storage.Storages} through {@link
 * java.util.ServiceLoader}. Register an implementation in {@code
 * META-INF/services/dev.chatstore.storage.spi.StorageProvider}. Implementations are stateless and
 * thread-safe.
 */
public interface StorageProvider {

  /**
   * A short name for messages, such as {@code sqlite}.
   *
   * @return the name
   */
  String name();

  /**
   * Whether this backend handles a URL, judged by its scheme alone.
   *
   * @param url the URL
   * @return true if {@link #open} should be called with it
   */
  boolean supports(String url);

  /**
   * Opens a storage: connects, migrates the schema, and returns it ready. Blocks.
   *
   * @param url a URL this provider {@linkplain #supports supports}
   * @param options the options
   * @return the open storage
   * @throws IllegalArgumentException if the URL is malformed
   * @throws dev.chatstore.storage.StorageException if it cannot be opened
   */
  Storage open(String url, StorageOptions options);
}
