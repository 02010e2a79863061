package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.ReactionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteReactionStoreContractTests extends ReactionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
