package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessagePostContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessagePostContractTests extends MessagePostContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
