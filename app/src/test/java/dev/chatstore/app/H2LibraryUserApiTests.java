package dev.chatstore.app;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The library-user sign-in on H2 in memory (R2DBC). */
class H2LibraryUserApiTests extends AbstractLibraryUserApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("chatstore.storage.url", () -> "r2dbc:h2:mem:///libraryusers" + System.nanoTime());
  }
}
