package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ChannelStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2ChannelStoreContractTests extends ChannelStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
