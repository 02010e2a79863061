package dev.chatstore.app;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retries and tombstones over HTTP on PostgreSQL (embedded, started by the test). */
class PostgresRetryAndTombstoneApiTests extends AbstractRetryAndTombstoneApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    String url = EmbeddedPg.newDatabaseUrl();
    registry.add("chatstore.storage.url", () -> url);
  }
}
