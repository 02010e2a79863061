package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.RetentionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2RetentionStoreContractTests extends RetentionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
