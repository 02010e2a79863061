package dev.chatstore.storage.sqlite.scratch;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

final class ScratchFixture implements StorageFixture {
  static final ScratchFixture INSTANCE = new ScratchFixture();

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public TestDatabase createDatabase() {
    try {
      Path dir = Files.createTempDirectory("chatstore-tck");
      Path file = dir.resolve("test.db");
      return new TestDatabase() {
        @Override
        public Storage open(StorageOptions options) {
          return Storages.open("sqlite:" + file, options);
        }

        @Override
        public Connection openMigrationConnection() throws SQLException {
          return DriverManager.getConnection("jdbc:sqlite:" + file);
        }

        @Override
        public void close() {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          } catch (IOException e) {
            // best effort
          }
        }
      };
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
