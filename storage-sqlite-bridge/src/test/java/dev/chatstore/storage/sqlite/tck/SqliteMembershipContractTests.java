package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MembershipContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMembershipContractTests extends MembershipContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
