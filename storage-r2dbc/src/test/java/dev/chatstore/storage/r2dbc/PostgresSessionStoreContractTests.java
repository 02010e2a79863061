package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.SessionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresSessionStoreContractTests extends SessionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
