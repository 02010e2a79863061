package dev.chatstore.storage.internal;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.spi.StorageProvider;
import java.util.List;

/**
 * A {@link StorageProvider} keyed on URL prefixes: it checks the arguments and the prefix once and
 * hands a URL it supports to {@link #openSupported}. Stateless and thread-safe.
 */
public abstract class SchemeProvider implements StorageProvider {

  private final String name;
  private final List<String> prefixes;

  /**
   * Creates the provider.
   *
   * @param name the backend's name, for diagnostics
   * @param prefixes the URL prefixes it serves ({@code "sqlite:"}, {@code "r2dbc:h2:"})
   */
  protected SchemeProvider(String name, String... prefixes) {
    this.name = name;
    this.prefixes = List.of(prefixes);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean supports(String url) {
    Checks.notNull(url, "url");
    return prefixes.stream().anyMatch(url::startsWith);
  }

  @Override
  public final Storage open(String url, StorageOptions options) {
    Checks.notNull(options, "options");
    if (!supports(url)) {
      throw new IllegalArgumentException("not a " + String.join(" or ", prefixes) + " URL");
    }
    return openSupported(url, options);
  }

  /**
   * Opens a storage for a URL that starts with one of the prefixes.
   *
   * @param url the URL
   * @param options the options
   * @return the open storage
   */
  protected abstract Storage openSupported(String url, StorageOptions options);
}
