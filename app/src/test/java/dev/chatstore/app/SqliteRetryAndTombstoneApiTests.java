package dev.chatstore.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retries and tombstones over HTTP on SQLite (a file in a temporary folder). */
class SqliteRetryAndTombstoneApiTests extends AbstractRetryAndTombstoneApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("chatstore-api");
    registry.add("chatstore.storage.url", () -> "sqlite:" + dir.resolve("api.db"));
  }
}
