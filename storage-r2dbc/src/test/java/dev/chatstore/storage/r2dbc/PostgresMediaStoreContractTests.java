package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.tck.MediaStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class PostgresMediaStoreContractTests extends MediaStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return PostgresFixture.INSTANCE;
  }
}
