package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.KeyValueStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2KeyValueStoreContractTests extends KeyValueStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
