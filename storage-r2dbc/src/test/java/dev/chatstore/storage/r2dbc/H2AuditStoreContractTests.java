package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.AuditStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2AuditStoreContractTests extends AuditStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
