package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.EditHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteEditHistoryContractTests extends EditHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
