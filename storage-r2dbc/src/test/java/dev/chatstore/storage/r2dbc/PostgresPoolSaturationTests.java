package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.StorageFixture;

class PostgresPoolSaturationTests extends PoolSaturationTests {
  @Override
  StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
