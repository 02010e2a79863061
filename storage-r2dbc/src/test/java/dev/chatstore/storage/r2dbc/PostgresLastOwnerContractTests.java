package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.LastOwnerContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresLastOwnerContractTests extends LastOwnerContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
