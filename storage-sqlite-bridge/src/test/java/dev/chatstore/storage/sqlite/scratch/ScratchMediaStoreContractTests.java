package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.MediaStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchMediaStoreContractTests extends MediaStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
