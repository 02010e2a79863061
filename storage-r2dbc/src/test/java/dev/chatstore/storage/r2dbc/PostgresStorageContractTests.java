package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresStorageContractTests extends StorageContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
