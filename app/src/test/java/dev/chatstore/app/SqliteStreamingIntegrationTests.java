package dev.chatstore.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Streaming on SQLite with a read pool of one connection. */
class SqliteStreamingIntegrationTests extends AbstractStreamingIntegrationTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("chatstore-stream");
    registry.add("chatstore.storage.url", () -> "sqlite:" + dir.resolve("stream.db"));
    registry.add("chatstore.storage.properties.poolSize", () -> "1");
  }
}
