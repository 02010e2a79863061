package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.ChannelStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteChannelStoreContractTests extends ChannelStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
