package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ReadStateContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresReadStateContractTests extends ReadStateContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
