package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MembershipContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMembershipContractTests extends MembershipContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
