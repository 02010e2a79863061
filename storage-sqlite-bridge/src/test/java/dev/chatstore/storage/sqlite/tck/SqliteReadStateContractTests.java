package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.ReadStateContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteReadStateContractTests extends ReadStateContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
