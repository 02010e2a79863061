package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Map;

/**
 * The outcome of a health check. Immutable and thread-safe.
 *
 * @param up whether the database answered a trivial query
 * @param backend the backend's name, such as {@code sqlite} or {@code postgresql}
 * @param details facts for operators (pool sizes, queue depth, file path); never credentials
 */
public record Health(boolean up, String backend, Map<String, Object> details) {

  /**
   * Validates the fields and copies the details.
   *
   * @param up whether up
   * @param backend the backend
   * @param details the details
   */
  public Health {
    Checks.notNull(backend, "backend");
    details = Map.copyOf(Checks.notNull(details, "details"));
  }
}
