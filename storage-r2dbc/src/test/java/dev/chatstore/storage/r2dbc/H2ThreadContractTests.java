package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.ThreadContractTests;

class H2ThreadContractTests extends ThreadContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
