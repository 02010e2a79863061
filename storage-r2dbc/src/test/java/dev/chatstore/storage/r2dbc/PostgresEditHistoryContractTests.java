package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.EditHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresEditHistoryContractTests extends EditHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
