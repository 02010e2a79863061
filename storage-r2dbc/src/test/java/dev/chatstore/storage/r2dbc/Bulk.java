package dev.chatstore.storage.r2dbc;

import dev.chatstore.storage.r2dbc.PostgresFixture.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Loads many rows at once over JDBC, for tests that need a big channel. */
final class Bulk {

  private Bulk() {}

  static void loadMessages(PostgresDatabase database, UUID channel, UUID author, int count)
      throws SQLException {
    try (Connection c = database.openMigrationConnection()) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO messages (id, channel_id, seq, author_id, body, created_at, version)"
                  + " SELECT gen_random_uuid(), ?, g, ?, 'm' || g, now(), 1"
                  + " FROM generate_series(1, ?) g")) {
        insert.setObject(1, channel);
        insert.setObject(2, author);
        insert.setInt(3, count);
        insert.executeUpdate();
      }
      try (PreparedStatement update =
          c.prepareStatement("UPDATE channels SET last_seq = ? WHERE id = ?")) {
        update.setLong(1, count);
        update.setObject(2, channel);
        update.executeUpdate();
      }
    }
  }
}
