package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessagePostContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessagePostContractTests extends MessagePostContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
