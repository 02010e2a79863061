package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserPasswordHashContractTests;

class SqliteUserPasswordHashContractTests extends UserPasswordHashContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
