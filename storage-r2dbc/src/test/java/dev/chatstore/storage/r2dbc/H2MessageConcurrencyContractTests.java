package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageConcurrencyContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageConcurrencyContractTests extends MessageConcurrencyContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
