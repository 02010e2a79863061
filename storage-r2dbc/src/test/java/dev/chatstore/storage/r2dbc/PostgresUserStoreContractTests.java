package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserStoreContractTests;

class PostgresUserStoreContractTests extends UserStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
