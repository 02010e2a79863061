package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One stored key-value entry. Immutable and thread-safe: the value is copied in and out.
 *
 * @param partition the partition key
 * @param sortKey the sort key within the partition
 * @param value the stored bytes (a copy)
 * @param version 1 when first written, one more per write
 * @param updatedAt when it was last written
 */
public record KeyValueEntry(
    String partition, String sortKey, byte[] value, long version, Instant updatedAt) {

  /**
   * Validates the fields and copies the value.
   *
   * @param partition the partition key
   * @param sortKey the sort key
   * @param value the bytes
   * @param version the version
   * @param updatedAt the last write
   */
  public KeyValueEntry {
    Checks.notNull(partition, "partition");
    Checks.notNull(sortKey, "sortKey");
    value = Checks.notNull(value, "value").clone();
    updatedAt = Checks.micros(Checks.notNull(updatedAt, "updatedAt"));
  }

  /**
   * The stored bytes.
   *
   * @return a copy of the value
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValueEntry e
        && partition.equals(e.partition)
        && sortKey.equals(e.sortKey)
        && Arrays.equals(value, e.value)
        && version == e.version
        && updatedAt.equals(e.updatedAt);
  }

  @Override
  public int hashCode() {
    return ((partition.hashCode() * 31 + sortKey.hashCode()) * 31 + Arrays.hashCode(value)) * 31
        + Long.hashCode(version);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(value, 0, Math.min(value.length, 16));
    return "KeyValueEntry["
        + partition
        + "/"
        + sortKey
        + " v"
        + version
        + " "
        + value.length
        + " bytes "
        + hex
        + (value.length > 16 ? "..." : "")
        + "]";
  }
}
