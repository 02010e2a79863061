package dev.chatstore.storage.tck;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database made by a {@link StorageFixture} for the conformance suite.
 *
 * <p>Properties the suite may pass in {@link StorageOptions#properties()}, which every backend must
 * honour: {@code poolSize}, the largest number of connections that serve reads and queries (the
 * R2DBC pool's maximum size, the SQLite bridge's read-connection count), so that a test can ask for
 * a pool of one.
 */
public interface TestDatabase extends AutoCloseable {

  /**
   * Opens a storage on this database, applying the migrations first (as {@link
   * dev.chatstore.storage.Storages#open(String, StorageOptions)} does). May be called again after
   * an earlier storage was closed, to reopen the same data: the database outlives the storages
   * opened on it until {@link #close()} (an in-memory database must be kept alive, by a held
   * connection or a close delay). The suite opens a second storage while a first one is open only
   * on backends that declare {@link dev.chatstore.storage.Capability#CROSS_PROCESS_FOLLOW}. The
   * caller closes each storage it opened.
   *
   * @param options the options: the suite's clock, observer and properties
   * @return the open storage
   */
  Storage open(StorageOptions options);

  /**
   * Opens a JDBC connection to this database, prepared the way the backend prepares the connection
   * on which it runs {@link dev.chatstore.storage.migrations.Migrations} (SQLite: foreign keys
   * off). The suite uses it to roll migrations back and forth and closes it.
   *
   * @return an open connection in auto-commit mode
   * @throws SQLException if it cannot connect
   */
  Connection openMigrationConnection() throws SQLException;

  /**
   * Releases the database: deletes its files or drops it. Every storage and connection opened on it
   * has been closed before. Idempotent.
   */
  @Override
  void close();
}
