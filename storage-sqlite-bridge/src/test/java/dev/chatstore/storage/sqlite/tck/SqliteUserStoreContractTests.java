package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserStoreContractTests;

class SqliteUserStoreContractTests extends UserStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
