package dev.chatstore.storage.tck;

/**
 * How a backend gives the conformance suite its databases. A backend implements this once (usually
 * as a process-wide singleton that starts a server or picks a temp folder lazily) and returns it
 * from {@link StorageContractSupport#fixture()} in each of its tiny contract subclasses.
 *
 * <p>Implementations must be thread-safe: the suite may create databases from several threads.
 */
public interface StorageFixture {

  /**
   * A short name of the backend for messages, such as {@code sqlite}, {@code h2} or {@code
   * postgresql}.
   *
   * @return the name
   */
  String name();

  /**
   * Creates a new, empty database with no schema, distinct from every other one this fixture made.
   * Opening a {@link dev.chatstore.storage.Storage} on it applies the migrations. The suite closes
   * it when done.
   *
   * @return the new database
   */
  TestDatabase createDatabase();
}
