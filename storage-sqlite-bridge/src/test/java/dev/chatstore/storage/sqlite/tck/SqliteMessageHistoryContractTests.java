package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageHistoryContractTests extends MessageHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
