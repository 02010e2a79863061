package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.ThreadContractTests;

class PostgresThreadContractTests extends ThreadContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
