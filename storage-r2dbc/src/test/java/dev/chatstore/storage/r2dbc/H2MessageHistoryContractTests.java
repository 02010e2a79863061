package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageHistoryContractTests extends MessageHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
