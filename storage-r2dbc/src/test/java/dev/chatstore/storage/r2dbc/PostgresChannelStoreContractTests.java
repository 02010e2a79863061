package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ChannelStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresChannelStoreContractTests extends ChannelStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
