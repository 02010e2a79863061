package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.KeyValueStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresKeyValueStoreContractTests extends KeyValueStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
