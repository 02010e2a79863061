package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;

class H2PoolSaturationTests extends PoolSaturationTests {
  @Override
  StorageFixture fixture() {
    return H2Fixture.INSTANCE;
  }
}
