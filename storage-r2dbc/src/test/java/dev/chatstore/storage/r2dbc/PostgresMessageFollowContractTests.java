package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MessageFollowContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMessageFollowContractTests extends MessageFollowContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
