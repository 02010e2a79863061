package dev.chatstore.app;

import dev.chatstore.storage.testsupport.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retries and tombstones over HTTP on PostgreSQL (embedded, started by the test). */
class PostgresRetryAndTombstoneApiTests extends AbstractRetryAndTombstoneApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.get().createDatabase("chatstore_app").r2dbcUrl();
    registry.add("chatstore.storage.url", () -> url);
  }
}
