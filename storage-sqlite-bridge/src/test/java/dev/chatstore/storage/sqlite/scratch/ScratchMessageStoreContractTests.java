package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.MessageStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchMessageStoreContractTests extends MessageStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
