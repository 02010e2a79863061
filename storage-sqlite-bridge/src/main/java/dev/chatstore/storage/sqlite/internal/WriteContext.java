package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.ChannelId;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a {@link WriteCall} gets: the writer connection, and a way to say which channels got new
 * messages so that their followers are woken after the commit. Confined to the writer thread.
 */
public final class WriteContext {

  private final Connection connection;
  private final Set<ChannelId> touched = new LinkedHashSet<>();

  WriteContext(Connection connection) {
    this.connection = connection;
  }

  /**
   * The writer connection, inside the current transaction.
   *
   * @return the connection
   */
  public Connection connection() {
    return connection;
  }

  /**
   * Records that a channel got messages, so its followers are woken once this write commits.
   *
   * @param channel the channel
   */
  public void touched(ChannelId channel) {
    touched.add(channel);
  }

  Set<ChannelId> touchedChannels() {
    return touched;
  }
}
