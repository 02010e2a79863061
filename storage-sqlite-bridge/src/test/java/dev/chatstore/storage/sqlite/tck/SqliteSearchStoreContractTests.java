package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.SearchStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteSearchStoreContractTests extends SearchStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
