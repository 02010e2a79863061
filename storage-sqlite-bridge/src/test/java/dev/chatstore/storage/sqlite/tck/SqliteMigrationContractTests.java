package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MigrationContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMigrationContractTests extends MigrationContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
