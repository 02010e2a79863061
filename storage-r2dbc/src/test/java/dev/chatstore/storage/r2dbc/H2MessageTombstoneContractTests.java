package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageTombstoneContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageTombstoneContractTests extends MessageTombstoneContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
