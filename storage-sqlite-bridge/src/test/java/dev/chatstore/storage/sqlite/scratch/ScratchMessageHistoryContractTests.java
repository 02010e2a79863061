package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.MessageHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchMessageHistoryContractTests extends MessageHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
