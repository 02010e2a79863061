package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.SearchStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresSearchStoreContractTests extends SearchStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
