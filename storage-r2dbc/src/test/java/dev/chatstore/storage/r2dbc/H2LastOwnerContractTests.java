package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.LastOwnerContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2LastOwnerContractTests extends LastOwnerContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
