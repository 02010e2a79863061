package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageReplayContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageReplayContractTests extends MessageReplayContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
