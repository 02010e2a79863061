package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.SearchStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2SearchStoreContractTests extends SearchStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
