package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.KeyValueStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchKeyValueStoreContractTests extends KeyValueStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
