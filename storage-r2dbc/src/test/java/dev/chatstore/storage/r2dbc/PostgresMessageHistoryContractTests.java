package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageHistoryContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageHistoryContractTests extends MessageHistoryContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
