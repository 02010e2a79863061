package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.SessionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchSessionStoreContractTests extends SessionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
