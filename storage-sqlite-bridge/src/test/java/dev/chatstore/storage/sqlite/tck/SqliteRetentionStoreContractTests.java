package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.RetentionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteRetentionStoreContractTests extends RetentionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
