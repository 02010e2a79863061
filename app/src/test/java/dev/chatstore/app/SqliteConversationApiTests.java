package dev.chatstore.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The conversation endpoints on SQLite (a file in a temporary folder). */
class SqliteConversationApiTests extends AbstractConversationApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("chatstore-conv");
    registry.add("chatstore.storage.url", () -> "sqlite:" + dir.resolve("conv.db"));
  }
}
