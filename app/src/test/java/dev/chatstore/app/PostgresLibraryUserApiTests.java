package dev.chatstore.app;

import dev.chatstore.storage.testsupport.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library-user sign-in on PostgreSQL (embedded, started by the test). */
class PostgresLibraryUserApiTests extends AbstractLibraryUserApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.get().createDatabase("chatstore_app").r2dbcUrl();
    registry.add("chatstore.storage.url", () -> url);
  }
}
