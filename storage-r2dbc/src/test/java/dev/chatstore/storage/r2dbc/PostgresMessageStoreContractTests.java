package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageStoreContractTests extends MessageStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
