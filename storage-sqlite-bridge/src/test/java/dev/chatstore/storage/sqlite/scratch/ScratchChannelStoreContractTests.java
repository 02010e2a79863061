package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.tck.ChannelStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class ScratchChannelStoreContractTests extends ChannelStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return ScratchFixture.INSTANCE;
  }
}
