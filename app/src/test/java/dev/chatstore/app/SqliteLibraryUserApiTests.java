package dev.chatstore.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library-user sign-in on SQLite (a file in a temporary folder). */
class SqliteLibraryUserApiTests extends AbstractLibraryUserApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("chatstore-library-user");
    registry.add("chatstore.storage.url", () -> "sqlite:" + dir.resolve("api.db"));
  }
}
