package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.AuditStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresAuditStoreContractTests extends AuditStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
