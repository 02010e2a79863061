package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MigrationContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMigrationContractTests extends MigrationContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
