package dev.chatstore.storage;

/**
 * Receives a call for each database round trip a backend makes, for metrics and for tests that
 * count page reads. Called on the backend's threads: implementations must be thread-safe, fast and
 * must not block or throw.
 */
@FunctionalInterface
public interface StorageObserver {

  /** An observer that ignores everything. */
  StorageObserver NONE = operation -> {};

  /**
   * Called just before a statement for an operation is sent.
   *
   * @param operation the store and method, such as {@code MessageStore.stream}
   */
  void onQuery(String operation);
}
