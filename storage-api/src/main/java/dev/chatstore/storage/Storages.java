package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.spi.StorageProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens a {@link Storage} by URL, finding the backend through {@link StorageProvider}s registered
 * with {@link ServiceLoader}.
 *
 * <p>URLs: {@code sqlite:./data/chat.db}, {@code r2dbc:postgresql://user:secret@host:5432/db},
 * {@code r2dbc:h2:mem:///name}. Opening applies the schema migrations before the storage is
 * returned.
 */
public final class Storages {

  private Storages() {}

  /**
   * Opens a storage with default options. Blocks while it connects and migrates: call it at
   * start-up, not on an event loop.
   *
   * @param url the database URL
   * @return the open storage
   * @throws IllegalArgumentException if no backend accepts the URL or the URL is malformed
   * @throws StorageException if the database cannot be opened or migrated
   */
  public static Storage open(String url) {
    return open(url, StorageOptions.defaults());
  }

  /**
   * Opens a storage. Blocks while it connects and migrates: call it at start-up, not on an event
   * loop.
   *
   * @param url the database URL
   * @param options the options
   * @return the open storage
   * @throws IllegalArgumentException if no backend accepts the URL or the URL is malformed
   * @throws StorageException if the database cannot be opened or migrated
   */
  public static Storage open(String url, StorageOptions options) {
    Checks.notNull(url, "url");
    Checks.notNull(options, "options");
    List<String> known = new ArrayList<>();
    for (StorageProvider provider :
        ServiceLoader.load(StorageProvider.class, Storages.class.getClassLoader())) {
      if (provider.supports(url)) {
        return provider.open(url, options);
      }
      known.add(provider.name());
    }
    throw new IllegalArgumentException(
        "no storage backend accepts the URL '"
            + redact(url)
            + "'; backends on the class path: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
  }

  /**
   * Hides the password of a URL for messages and logs.
   *
   * @param url a database URL
   * @return the URL with any {@code user:password@} reduced to {@code user:***@}, and any {@code
   *     password=} parameter value hidden
   */
  public static String redact(String url) {
    Checks.notNull(url, "url");
    return url.replaceAll("(//[^/:@]*):[^@/]*@", "$1:***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
