package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MessageConcurrencyContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMessageConcurrencyContractTests extends MessageConcurrencyContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
