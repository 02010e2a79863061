package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.KeyValueStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteKeyValueStoreContractTests extends KeyValueStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
