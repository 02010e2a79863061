package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ReactionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2ReactionStoreContractTests extends ReactionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
