package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserUniqueKeyContractTests;

class SqliteUserUniqueKeyContractTests extends UserUniqueKeyContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
