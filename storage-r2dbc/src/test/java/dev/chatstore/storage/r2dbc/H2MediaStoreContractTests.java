package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MediaStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class H2MediaStoreContractTests extends MediaStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
