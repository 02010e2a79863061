package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageTombstoneContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageTombstoneContractTests extends MessageTombstoneContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
