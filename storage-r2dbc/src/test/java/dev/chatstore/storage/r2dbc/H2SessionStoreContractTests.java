package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.SessionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2SessionStoreContractTests extends SessionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
