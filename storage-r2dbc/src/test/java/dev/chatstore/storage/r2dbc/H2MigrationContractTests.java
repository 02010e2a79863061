package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MigrationContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MigrationContractTests extends MigrationContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
