package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.RetentionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresRetentionStoreContractTests extends RetentionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
