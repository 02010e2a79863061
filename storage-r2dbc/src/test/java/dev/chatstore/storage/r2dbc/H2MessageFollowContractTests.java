package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageFollowContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MessageFollowContractTests extends MessageFollowContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
