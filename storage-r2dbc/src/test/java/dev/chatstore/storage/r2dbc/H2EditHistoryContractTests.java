package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.EditHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2EditHistoryContractTests extends EditHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
