package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageEditContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageEditContractTests extends MessageEditContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
