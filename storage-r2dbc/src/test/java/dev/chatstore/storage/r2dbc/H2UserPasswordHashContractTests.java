package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.UserPasswordHashContractTests;

class H2UserPasswordHashContractTests extends UserPasswordHashContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
