package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.ReactionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresReactionStoreContractTests extends ReactionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
