package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.ThreadContractTests;

class SqliteThreadContractTests extends ThreadContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
