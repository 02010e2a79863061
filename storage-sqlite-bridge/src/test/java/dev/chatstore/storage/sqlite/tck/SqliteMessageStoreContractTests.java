package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageStoreContractTests extends MessageStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
