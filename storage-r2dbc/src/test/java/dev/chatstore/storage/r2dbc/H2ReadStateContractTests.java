package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ReadStateContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2ReadStateContractTests extends ReadStateContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
