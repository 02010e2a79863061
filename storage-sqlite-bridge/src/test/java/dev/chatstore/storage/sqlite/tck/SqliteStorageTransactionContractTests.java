package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.StorageTransactionContractTests;

class SqliteStorageTransactionContractTests extends StorageTransactionContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
