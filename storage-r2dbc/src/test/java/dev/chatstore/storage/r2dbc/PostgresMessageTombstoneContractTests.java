package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageTombstoneContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageTombstoneContractTests extends MessageTombstoneContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
