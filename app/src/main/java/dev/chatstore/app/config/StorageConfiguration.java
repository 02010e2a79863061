package dev.chatstore.app.config;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the one {@link Storage} of the service and closes it on shutdown. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

  /**
   * The storage, metered. Closed by Spring after the web server has stopped, which lets queued
   * writes finish.
   *
   * @param properties the settings
   * @param registry the meter registry
   * @param clock the clock for every timestamp
   * @return the open storage
   */
  @Bean(destroyMethod = "close")
  public Storage storage(ChatstoreProperties properties, MeterRegistry registry, Clock clock) {
    String url = properties.storage().url();
    createParentFolder(url);
    StorageOptions options =
        StorageOptions.defaults()
            .withClock(clock)
            .withObserver(new StorageQueryCounter(registry))
            .withProperties(properties.storage().properties());
    log.info("opening storage {}", Storages.redact(url));
    return MeteredStorage.wrap(Storages.open(url, options), registry);
  }

  /**
   * The clock that stamps messages and sessions (UTC).
   *
   * @return the system clock
   */
  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  /** SQLite cannot create the folder of its file; create it for the default ./data path. */
  private static void createParentFolder(String url) {
    if (!url.startsWith("sqlite:")) {
      return;
    }
    String file = url.substring("sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new IllegalStateException("cannot create the folder " + parent, e);
      }
    }
  }
}
