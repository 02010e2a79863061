package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteStorageContractTests extends StorageContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
