package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.SessionStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteSessionStoreContractTests extends SessionStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
