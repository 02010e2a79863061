package dev.chatstore.app;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Retries and tombstones over HTTP on H2 in memory (R2DBC). */
class H2RetryAndTombstoneApiTests extends AbstractRetryAndTombstoneApiTests {

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) {
    registry.add("chatstore.storage.url", () -> "r2dbc:h2:mem:///apitests" + System.nanoTime());
  }
}
