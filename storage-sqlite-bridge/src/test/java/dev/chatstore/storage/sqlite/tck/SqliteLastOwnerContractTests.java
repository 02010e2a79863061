package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.LastOwnerContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteLastOwnerContractTests extends LastOwnerContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
