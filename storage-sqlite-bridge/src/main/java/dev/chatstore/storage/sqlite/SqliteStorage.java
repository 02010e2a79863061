package dev.chatstore.storage.sqlite;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.TransientStorageException;
import dev.chatstore.storage.internal.ChangeFeed;
import dev.chatstore.storage.internal.Checks;
import dev.chatstore.storage.internal.InProcessChangeFeed;
import dev.chatstore.storage.internal.StorageShell;
import dev.chatstore.storage.internal.Stores;
import dev.chatstore.storage.sqlite.internal.SqlExecutor;
import dev.chatstore.storage.sqlite.internal.SqliteConfig;
import dev.chatstore.storage.sqlite.internal.SqliteConnections;
import dev.chatstore.storage.sqlite.internal.SqliteErrors;
import dev.chatstore.storage.sqlite.internal.SqliteFileLock;
import dev.chatstore.storage.sqlite.internal.SqliteReaders;
import dev.chatstore.storage.sqlite.internal.SqliteSql;
import dev.chatstore.storage.sqlite.internal.SqliteWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link Storage} on one SQLite file, through xerial sqlite-jdbc.
 *
 * <h2>URL and settings</h2>
 *
 * {@code sqlite:<path>[?name=value&...]}, the path relative to the working directory or absolute
 * (missing parent directories are created). Parameters, each overridable by {@link
 * StorageOptions#properties()}; unknown or invalid ones are rejected with {@link
 * IllegalArgumentException}:
 *
 * <ul>
 *   <li>{@code synchronous}: {@code FULL} (default: a completed write survives a power loss) or
 *       {@code NORMAL} (survives a crash of the process; a power loss may drop the last commits);
 *   <li>{@code busyTimeout}: milliseconds a connection waits for a lock (default 5000); beyond it
 *       the operation fails with {@link TransientStorageException};
 *   <li>{@code poolSize}: read connections and read threads (default 4);
 *   <li>{@code queueCapacity}: writes (and, separately, reads) that may wait (default 10000); more
 *       fail fast with {@link TransientStorageException};
 *   <li>{@code batchSize}: the most writes one group commit takes (default 256);
 *   <li>{@code transactionTimeout}: milliseconds an {@link #inTransaction} may hold the writer
 *       (default 60000); then it is rolled back and its remaining operations and its commit signal
 *       {@link TransientStorageException}, so a stuck caller cannot block every write forever.
 * </ul>
 *
 * <h2>Threads and transactions</h2>
 *
 * One writer connection, confined to the bridge's writer thread, runs every write: queued writes
 * are group-committed (one {@code BEGIN IMMEDIATE} transaction per batch, a savepoint per write, so
 * a failing write fails alone), and each caller's {@code Mono} completes only after the COMMIT.
 * Reads run on the bridge's own pool of {@code poolSize} threads, each with a read-only connection;
 * no call ever runs on the caller's thread or on a shared Reactor scheduler. An {@link
 * #inTransaction} holds the writer for its duration: queued writes wait, and every operation of the
 * bound storage, reads included, runs on the writer connection. What the work emits is held until
 * the COMMIT and only then emitted, so a consumer that takes the first value and cancels keeps the
 * transaction. Calls to this (outer) storage's writes made inside the work wait for the transaction
 * to end; work that waits for them would stall until the transaction timeout.
 *
 * <p>Results are delivered on the bridge's threads (writes on the writer thread, reads on a read
 * thread). Operators downstream must not block; move heavy work elsewhere with {@code publishOn},
 * since the writer thread commits nothing else while it runs them. Callers never wait: a write is
 * handed to the writer lock-free, a read to the read pool's queue.
 *
 * <h2>Ownership</h2>
 *
 * One {@code SqliteStorage} owns a database file: opening takes an exclusive lock on {@code
 * <file>.lock}, so a second opener (in this or another process) is refused with an {@link
 * InternalStorageException} (not transient: retrying cannot help while the owner is open) instead
 * of silently missing its followers' wake-ups. {@link #close()} releases it.
 *
 * <p>Capabilities: none ({@link Capability}). Thread-safe.
 */
public final class SqliteStorage extends StorageShell {

  private final Path file;
  private final SqliteConfig config;
  private final Clock clock;
  private final SqliteFileLock lock;
  private final SqliteWriter writer;
  private final SqliteReaders readers;
  private final ChangeFeed feed;

  private SqliteStorage(
      Path file,
      SqliteConfig config,
      Clock clock,
      SqliteFileLock lock,
      SqliteWriter writer,
      SqliteReaders readers,
      ChangeFeed feed) {
    super(stores(new SqlExecutor.Pooled(readers, writer), clock, feed));
    this.file = file;
    this.config = config;
    this.clock = clock;
    this.lock = lock;
    this.writer = writer;
    this.readers = readers;
    this.feed = feed;
  }

  /** The stores factory: the same stores over the pool and writer, or over one transaction. */
  private static Stores stores(SqlExecutor db, Clock clock, ChangeFeed feed) {
    return new Stores(
        new SqliteUserStore(db, clock),
        new SqliteChannelStore(db, clock),
        new SqliteMessageStore(db, clock, feed),
        new SqliteReadStateStore(db),
        new SqliteSessionStore(db, clock),
        new SqliteMediaStore(db, clock),
        new SqliteKeyValueStore(db, clock),
        new SqliteReactionStore(db, clock),
        new SqliteSearchStore(db),
        new SqliteRetentionStore(db, clock),
        new SqliteAuditStore(db));
  }

  /**
   * Opens a database file: locks it, migrates the schema, and starts the writer and the read pool.
   * Blocks; call it at start-up.
   *
   * @param url a {@code sqlite:} URL
   * @param options the clock, observer and parameter overrides
   * @return the open storage
   * @throws IllegalArgumentException if the URL or a parameter is malformed or unknown
   * @throws InternalStorageException if another storage (in this or another process) holds the
   *     file: not transient, since retrying cannot help while that storage is open
   * @throws StorageException if the file cannot be opened or migrated
   */
  public static SqliteStorage open(String url, StorageOptions options) {
    Checks.notNull(url, "url");
    Checks.notNull(options, "options");
    SqliteConfig config = SqliteConfig.parse(url, options.properties());
    Path file = config.file().toAbsolutePath().normalize();
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new InternalStorageException(
          "cannot create the directory of the SQLite database " + file + ": " + e, e);
    }
    SqliteFileLock lock = SqliteFileLock.acquire(file);
    SqliteConnections connections = new SqliteConnections(file, config);
    Connection writerConnection = null;
    try {
      connections.migrate();
      writerConnection = connections.openWriter();
      ChangeFeed feed = new InProcessChangeFeed();
      SqliteWriter writer = new SqliteWriter(writerConnection, config, options.observer(), feed);
      SqliteReaders readers =
          new SqliteReaders(config, connections::openReader, options.observer());
      return new SqliteStorage(file, config, options.clock(), lock, writer, readers, feed);
    } catch (SQLException | RuntimeException e) {
      if (writerConnection != null) {
        try {
          writerConnection.close();
        } catch (SQLException ignored) {
          // already failing
        }
      }
      lock.release();
      if (e instanceof StorageException storage) {
        throw storage;
      }
      StorageException translated = SqliteErrors.translate(e);
      throw translated instanceof InternalStorageException
          ? new InternalStorageException(
              "cannot open the SQLite database " + file + ": " + translated.getMessage(), e)
          : translated;
    }
  }

  @Override
  protected <T> Flux<T> transaction(Function<? super Storage, ? extends Publisher<T>> work) {
    return writer.inTransaction(
        tx -> work.apply(bound(stores(new SqlExecutor.Bound(tx), clock, feed))));
  }

  @Override
  public Mono<Health> health() {
    return readers
        .read(
            "Storage.health",
            c -> {
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(SqliteSql.JOURNAL_MODE)) {
                return rs.next() ? rs.getString(1) : "unknown";
              }
            })
        .map(mode -> new Health(true, "sqlite", details(mode, null)))
        .onErrorResume(e -> Mono.just(new Health(false, "sqlite", details(null, e))));
  }

  private Map<String, Object> details(@Nullable String journalMode, @Nullable Throwable error) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("file", file.toString());
    if (journalMode != null) {
      details.put("journalMode", journalMode);
    }
    details.put("synchronous", config.synchronous());
    details.put("writeQueueDepth", writer.queueDepth());
    details.put("writeQueueCapacity", config.queueCapacity());
    details.put("readPoolSize", config.poolSize());
    if (error != null) {
      details.put("error", String.valueOf(error.getMessage()));
    }
    return details;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  /**
   * Closes the storage: new calls signal {@link InternalStorageException} ("the storage is closed";
   * not transient: a closed storage stays closed); queued writes (and an open transaction, until it
   * ends or times out) finish first; followers complete; then the connections, threads and the file
   * lock are released. Blocks; idempotent.
   */
  @Override
  protected void release() {
    writer.close();
    feed.close();
    readers.close();
    lock.release();
  }

  /** How many transactions the writer has committed: a hook for the group-commit tests. */
  long commits() {
    return writer.commits();
  }

  /** How many writes wait in the writer's queue. */
  int queueDepth() {
    return writer.queueDepth();
  }
}
