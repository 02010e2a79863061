package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageReplayContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageReplayContractTests extends MessageReplayContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
