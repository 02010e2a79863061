package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageStoreContractTests extends MessageStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
