package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MembershipContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MembershipContractTests extends MembershipContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
