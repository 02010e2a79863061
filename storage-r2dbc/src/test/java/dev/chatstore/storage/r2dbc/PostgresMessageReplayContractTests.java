package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageReplayContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageReplayContractTests extends MessageReplayContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
