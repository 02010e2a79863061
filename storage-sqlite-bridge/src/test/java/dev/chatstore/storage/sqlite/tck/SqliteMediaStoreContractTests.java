package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.tck.MediaStoreContractTests;
import dev.chatstore.storage.tck.StorageFixture;

class SqliteMediaStoreContractTests extends MediaStoreContractTests {
  @Override
  protected StorageFixture fixture() {
    return SqliteFixture.get();
  }
}
