package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageEditContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageEditContractTests extends MessageEditContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
