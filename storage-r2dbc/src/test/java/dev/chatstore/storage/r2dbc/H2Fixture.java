package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.StorageFixture;
import dev.chatstore.storage.tck.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * H2 in memory: a fresh named database per {@link #createDatabase()}, kept alive by a JDBC
 * connection of the fixture until the database is closed, so that a storage can be closed and
 * reopened on the same data.
 */
public final class H2Fixture implements StorageFixture {

  /** The one fixture of the test JVM. */
  public static final H2Fixture INSTANCE = new H2Fixture();

  private H2Fixture() {}

  @Override
  public String name() {
    return "h2";
  }

  @Override
  public TestDatabase createDatabase() {
    String name = "chatstore_" + UUID.randomUUID().toString().replace("-", "");
    String jdbcUrl = "jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=10000";
    try {
      Connection keeper = DriverManager.getConnection(jdbcUrl, "sa", "");
      return new H2Database(name, jdbcUrl, keeper);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create H2 database " + name, e);
    }
  }

  private static final class H2Database implements TestDatabase {
    private final String name;
    private final String jdbcUrl;
    private final Connection keeper;

    H2Database(String name, String jdbcUrl, Connection keeper) {
      this.name = name;
      this.jdbcUrl = jdbcUrl;
      this.keeper = keeper;
    }

    @Override
    public Storage open(StorageOptions options) {
      return Storages.open("r2dbc:h2:mem:///" + name, options);
    }

    @Override
    public Connection openMigrationConnection() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    @Override
    public void close() {
      try {
        keeper.close();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot close H2 database " + name, e);
      }
    }
  }
}
