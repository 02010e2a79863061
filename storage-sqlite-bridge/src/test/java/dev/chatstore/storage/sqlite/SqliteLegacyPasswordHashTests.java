package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A row written before hashes had a scheme prefix (raw {@code $2a$…} BCrypt, as the service stored
 * them) reads as {@code {bcrypt}…}; new rows store the prefixed form.
 */
class SqliteLegacyPasswordHashTests extends SqliteTestSupport {

  private static final String LEGACY =
      "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

  @Test
  void anUnprefixedBcryptRowReadsAsPrefixedAndNewRowsStoreThePrefix() throws SQLException {
    SqliteStorage storage = open(Map.of());
    User user = newUser(storage);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        PreparedStatement s =
            c.prepareStatement("UPDATE users SET password_hash = ? WHERE username = ?")) {
      s.setString(1, LEGACY);
      s.setString(2, user.username());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    User read = await(storage.users().findById(user.id()));
    assertThat(read.passwordHash()).isEqualTo(PasswordHash.bcrypt(LEGACY));
    assertThat(read.passwordHash().value()).isEqualTo("{bcrypt}" + LEGACY);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        PreparedStatement s =
            c.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
      s.setString(1, newUser(storage).username());
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).as("stored with its prefix").startsWith("{bcrypt}$2a$10$");
      }
    }
  }
}
