package dev.chatstore.benchmarks.reference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * SQLite through sqlite-jdbc, shaped like chatstore's bridge: one writer thread with group commit
 * (all queued posts, at most {@value #BATCH}, in one {@code BEGIN IMMEDIATE} transaction, a
 * savepoint each, completed after the commit), WAL, {@code synchronous=FULL}, and reads on a few
 * reader threads with a connection each.
 */
final class SqliteBackend implements Backend {

  private static final int BATCH = 256;

  private static final String NEXT_SEQ =
      "UPDATE channels SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq";

  private static final String INSERT =
      "INSERT INTO messages (id, channel_id, seq, author_id, body, parent_id, client_txn_id,"
          + " created_at, version) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 1)";

  private static final String PAGE =
      "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE channel_id = ? ORDER BY seq DESC LIMIT ?";

  private static final String USER =
      "SELECT id, username, display_name, created_at, version FROM users WHERE id = ?";

  private record Write(MessageRow row, MonoSink<MessageRow> sink) {}

  private final String jdbcUrl;
  private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(4096);
  private final Thread writer;
  private final ExecutorService readers;
  private final Scheduler readScheduler;
  private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
  private final List<Connection> opened = new ArrayList<>();
  private volatile boolean running = true;

  SqliteBackend(String path, int readerThreads) {
    jdbcUrl = "jdbc:sqlite:" + path;
    readers =
        Executors.newFixedThreadPool(
            readerThreads,
            r -> {
              Thread t = new Thread(r, "sqlite-reader");
              t.setDaemon(true);
              return t;
            });
    readScheduler = Schedulers.fromExecutorService(readers, "sqlite-readers");
    Connection w = open(false);
    writer = new Thread(() -> writeLoop(w), "sqlite-writer");
    writer.setDaemon(true);
    writer.start();
  }

  private Connection open(boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5000);
    config.enforceForeignKeys(true);
    Properties properties = config.toProperties();
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, properties);
      if (readOnly) {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA query_only = 1");
        }
      }
      synchronized (opened) {
        opened.add(c);
      }
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + jdbcUrl, e);
    }
  }

  @Override
  public Mono<MessageRow> post(
      UUID id, UUID channel, UUID author, String body, @Nullable String txn) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    MessageRow row = new MessageRow(id, channel, 0, author, body, null, txn, now, null, null, 1);
    return Mono.create(
        sink -> {
          if (!queue.offer(new Write(row, sink))) {
            sink.error(new IllegalStateException("write queue full"));
          }
        });
  }

  private void writeLoop(Connection c) {
    List<Write> batch = new ArrayList<>(BATCH);
    List<@Nullable MessageRow> results = new ArrayList<>(BATCH);
    try (Statement control = c.createStatement();
        PreparedStatement nextSeq = c.prepareStatement(NEXT_SEQ);
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      while (running) {
        Write first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        try {
          control.execute("BEGIN IMMEDIATE");
          for (Write w : batch) {
            results.add(write(control, nextSeq, insert, w.row()));
          }
          control.execute("COMMIT");
          for (int i = 0; i < batch.size(); i++) {
            MessageRow r = results.get(i);
            if (r == null) {
              batch.get(i).sink().success();
            } else {
              batch.get(i).sink().success(r);
            }
          }
        } catch (SQLException e) {
          try {
            control.execute("ROLLBACK");
          } catch (SQLException ignored) {
            // not in a transaction
          }
          batch.forEach(w -> w.sink().error(e));
        } finally {
          batch.clear();
          results.clear();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One post under a savepoint; null when the channel does not exist. */
  private static @Nullable MessageRow write(
      Statement control, PreparedStatement nextSeq, PreparedStatement insert, MessageRow row)
      throws SQLException {
    control.execute("SAVEPOINT post");
    try {
      nextSeq.setString(1, row.channelId().toString());
      long seq;
      try (ResultSet rs = nextSeq.executeQuery()) {
        if (!rs.next()) {
          control.execute("RELEASE post");
          return null;
        }
        seq = rs.getLong(1);
      }
      insert.setString(1, row.id().toString());
      insert.setString(2, row.channelId().toString());
      insert.setLong(3, seq);
      insert.setString(4, row.authorId().toString());
      insert.setString(5, row.body());
      insert.setString(6, row.clientTxnId());
      insert.setLong(7, ChronoUnit.MICROS.between(Instant.EPOCH, row.createdAt()));
      insert.executeUpdate();
      control.execute("RELEASE post");
      return new MessageRow(
          row.id(),
          row.channelId(),
          seq,
          row.authorId(),
          row.body(),
          null,
          row.clientTxnId(),
          row.createdAt(),
          null,
          null,
          1);
    } catch (SQLException e) {
      control.execute("ROLLBACK TO post");
      control.execute("RELEASE post");
      throw e;
    }
  }

  @Override
  public Mono<List<MessageRow>> page(UUID channel, int limit) {
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setString(1, channel.toString());
            s.setInt(2, limit);
            List<MessageRow> rows = new ArrayList<>(limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                rows.add(message(rs));
              }
            }
            return rows;
          }
        });
  }

  @Override
  public Mono<UserRow> user(UUID id) {
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(USER)) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
              return rs.next()
                  ? new UserRow(
                      UUID.fromString(rs.getString("id")),
                      rs.getString("username"),
                      rs.getString("display_name"),
                      instant(rs, "created_at"),
                      rs.getLong("version"))
                  : null;
            }
          }
        });
  }

  private interface Query<T> {
    @Nullable T run(Connection c) throws SQLException;
  }

  private <T> Mono<T> read(Query<T> query) {
    return Mono.fromCallable(
            () -> {
              Connection c = readConnection.get();
              if (c == null) {
                c = open(true);
                readConnection.set(c);
              }
              return query.run(c);
            })
        .subscribeOn(readScheduler);
  }

  private static MessageRow message(ResultSet rs) throws SQLException {
    String parent = rs.getString("parent_id");
    return new MessageRow(
        UUID.fromString(rs.getString("id")),
        UUID.fromString(rs.getString("channel_id")),
        rs.getLong("seq"),
        UUID.fromString(rs.getString("author_id")),
        rs.getString("body"),
        parent == null ? null : UUID.fromString(parent),
        rs.getString("client_txn_id"),
        instant(rs, "created_at"),
        nullableInstant(rs, "edited_at"),
        nullableInstant(rs, "deleted_at"),
        rs.getLong("version"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return Instant.EPOCH.plus(rs.getLong(column), ChronoUnit.MICROS);
  }

  private static @Nullable Instant nullableInstant(ResultSet rs, String column)
      throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readers.shutdown();
    synchronized (opened) {
      for (Connection c : opened) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
    }
  }
}
