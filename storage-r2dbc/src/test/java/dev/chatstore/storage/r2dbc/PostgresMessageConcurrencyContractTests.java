package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageConcurrencyContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageConcurrencyContractTests extends MessageConcurrencyContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
