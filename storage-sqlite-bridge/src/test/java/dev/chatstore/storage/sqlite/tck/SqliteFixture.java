package dev.chatstore.storage.sqlite.tck;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * SQLite databases for the conformance suite: one file per database in a temp folder of this JVM,
 * opened through {@code Storages.open("sqlite:/abs/path/file.db")}.
 */
final class SqliteFixture implements StorageFixture {

  private static final SqliteFixture INSTANCE = new SqliteFixture();

  private final Path root;

  private SqliteFixture() {
    try {
      root = Files.createTempDirectory("chatstore-tck-sqlite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "tck-sqlite-cleanup"));
  }

  static SqliteFixture get() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public TestDatabase createDatabase() {
    return new SqliteDatabase(root.resolve(UUID.randomUUID() + ".db").toAbsolutePath());
  }

  private static final class SqliteDatabase implements TestDatabase {
    private final Path file;

    SqliteDatabase(Path file) {
      this.file = file;
    }

    @Override
    public Storage open(StorageOptions options) {
      return Storages.open("sqlite:" + file, options);
    }

    /** As the bridge migrates: WAL, synchronous FULL, a busy timeout, foreign keys off. */
    @Override
    public Connection openMigrationConnection() throws SQLException {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.setBusyTimeout(5_000);
      config.enforceForeignKeys(false);
      return JDBC.createConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    @Override
    public void close() {
      for (String suffix : List.of("", "-wal", "-shm", "-journal", ".lock")) {
        try {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public String toString() {
      return "SqliteDatabase[" + file + "]";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(SqliteFixture::deleteQuietly);
    } catch (IOException e) {
      // best effort at exit
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
