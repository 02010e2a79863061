package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageFollowContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageFollowContractTests extends MessageFollowContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
