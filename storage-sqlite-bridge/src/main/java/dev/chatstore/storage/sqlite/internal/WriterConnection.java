package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.internal.ChangeFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The writer connection and what both the group commit and a transaction do with it: begin, one
 * call in a savepoint of its own, commit (then wake the followers of the channels that got
 * messages), roll back. Confined to the writer thread, except {@link #commits()}.
 */
final class WriterConnection {

  private static final System.Logger LOG = System.getLogger(SqliteWriter.class.getName());

  private final Connection connection;
  private final Statement control;
  private final StorageObserver observer;
  private final ChangeFeed feed;
  private final AtomicLong commits = new AtomicLong();

  WriterConnection(Connection connection, StorageObserver observer, ChangeFeed feed)
      throws SQLException {
    this.connection = connection;
    this.control = connection.createStatement();
    this.observer = observer;
    this.feed = feed;
  }

  /** What one call in a savepoint produced: its value, or its (translated) error. */
  record Outcome<T>(@Nullable T value, @Nullable StorageException error, Set<ChannelId> touched) {}

  void begin() throws SQLException {
    control.execute("BEGIN IMMEDIATE");
  }

  /**
   * Runs one call in a savepoint: a failing call is rolled back alone and reported in the outcome.
   *
   * @throws SQLException when the savepoint itself cannot be set or rolled back: the transaction is
   *     unusable
   */
  <T> Outcome<T> inSavepoint(String operation, WriteCall<T> call) throws SQLException {
    WriteContext context = new WriteContext(connection);
    control.execute("SAVEPOINT call");
    try {
      observer.onQuery(operation);
      T value = call.call(context);
      control.execute("RELEASE call");
      return new Outcome<>(value, null, context.touchedChannels());
    } catch (Throwable e) {
      StorageException error = SqliteErrors.translate(e);
      control.execute("ROLLBACK TO call");
      control.execute("RELEASE call");
      return new Outcome<>(null, error, Set.of());
    }
  }

  /** Commits, counts the commit, then wakes the followers of the touched channels. */
  void commit(Set<ChannelId> touched) throws SQLException {
    control.execute("COMMIT");
    commits.incrementAndGet();
    for (ChannelId channel : touched) {
      safely(() -> feed.committed(channel));
    }
  }

  void rollbackQuietly() {
    try {
      control.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // nothing was open, or the connection is gone: either way nothing is committed
    }
  }

  long commits() {
    return commits.get();
  }

  void close() {
    try {
      control.close();
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort: the file lock is released by the owner either way
    }
  }

  /**
   * Runs a callback into subscriber code on the writer thread; a failure there is logged, never
   * allowed to stop the writer or to keep the other callers of a batch from their results.
   */
  static void safely(Runnable callback) {
    try {
      callback.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "a subscriber failed on the SQLite writer thread", e);
    }
  }
}
