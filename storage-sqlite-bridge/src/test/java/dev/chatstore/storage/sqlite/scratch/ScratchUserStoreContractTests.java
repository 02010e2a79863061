package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserStoreContractTests;

class ScratchUserStoreContractTests extends UserStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
