package dev.chatstore.app;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.testsupport.EmbeddedPostgresServer;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Streaming on PostgreSQL with a pool of one connection. */
class PostgresStreamingIntegrationTests extends AbstractStreamingIntegrationTests {

  private static String url;

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    url = EmbeddedPostgresServer.get().createDatabase("chatstore_app").r2dbcUrl();
    registry.add("chatstore.storage.url", () -> url);
    registry.add("chatstore.storage.properties.poolSize", () -> "1");
  }

  @Override
  Storage openSeeder() {
    return Storages.open(url, StorageOptions.defaults().withProperties(Map.of("poolSize", "16")));
  }
}
