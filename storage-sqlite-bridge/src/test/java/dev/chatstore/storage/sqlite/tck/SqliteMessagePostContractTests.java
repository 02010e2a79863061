package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessagePostContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessagePostContractTests extends MessagePostContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
