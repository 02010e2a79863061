package dev.chatstore.app;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The conversation endpoints on H2 in memory (R2DBC). */
class H2ConversationApiTests extends AbstractConversationApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("chatstore.storage.url", () -> "r2dbc:h2:mem:///convtests" + System.nanoTime());
  }
}
