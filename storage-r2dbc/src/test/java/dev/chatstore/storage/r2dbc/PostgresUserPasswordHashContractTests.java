package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserPasswordHashContractTests;

class PostgresUserPasswordHashContractTests extends UserPasswordHashContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
