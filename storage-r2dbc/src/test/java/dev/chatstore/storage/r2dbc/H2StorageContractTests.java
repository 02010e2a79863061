package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2StorageContractTests extends StorageContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
