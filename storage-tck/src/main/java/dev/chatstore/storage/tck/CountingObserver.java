package dev.chatstore.storage.tck;

import dev.chatstore.storage.StorageObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StorageObserver} that counts the round trips of each operation. Thread-safe.
 *
 * <p>The suite relies on one operation name: {@code MessageStore.stream}, which a backend reports
 * once per page it reads for {@link dev.chatstore.storage.MessageStore#stream}.
 */
public final class CountingObserver implements StorageObserver {

  /** The operation a backend reports once per page read by {@code MessageStore.stream}. */
  public static final String STREAM = "MessageStore.stream";

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** Creates an observer with every count at zero. */
  public CountingObserver() {}

  @Override
  public void onQuery(String operation) {
    counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
  }

  /**
   * How many round trips an operation has made so far.
   *
   * @param operation the operation, such as {@code MessageStore.stream}
   * @return the count
   */
  public long count(String operation) {
    AtomicLong count = counts.get(operation);
    return count == null ? 0 : count.get();
  }

  /**
   * A sorted copy of every count, for failure messages.
   *
   * @return operation to count
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  @Override
  public String toString() {
    return "CountingObserver" + snapshot();
  }
}
