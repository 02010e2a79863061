package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageEditContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageEditContractTests extends MessageEditContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
