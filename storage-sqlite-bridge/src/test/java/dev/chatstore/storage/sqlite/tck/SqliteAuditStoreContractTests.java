package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.AuditStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteAuditStoreContractTests extends AuditStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
