package dev.chatstore.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.sqlite.internal.SearchSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FTS5 index of the bridge: the query text becomes a quoted MATCH expression, the index follows
 * every way a message goes (edit, delete, purge, channel delete) without orphans, and its rowid
 * mapping survives VACUUM.
 */
class SqliteSearchIndexTests extends SqliteTestSupport {

  private static List<Message> search(SqliteStorage storage, String text, UserId viewer) {
    return await(storage.search().search(SearchQuery.of(text, viewer, 100)).collectList()).stream()
        .map(SearchHit::message)
        .toList();
  }

  private Message post(SqliteStorage storage, Channel channel, String body) {
    return await(storage.messages().post(NewMessage.of(channel.id(), channel.createdBy(), body)))
        .message();
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void everyTermIsQuotedAndPrefixesKeepTheirStar() {
    UserId viewer = UserId.generate();
    assertThat(SearchSql.matchExpression(SearchQuery.of("Hello wor* NEAR", viewer, 1)))
        .isEqualTo("\"hello\" \"wor\"* \"near\"");
    assertThat(
            SearchSql.matchExpression(
                SearchQuery.of("\"a\" OR b:c -- d^ (e) {f} NOT g*", viewer, 1)))
        .isEqualTo("\"a\" \"or\" \"b\" \"c\" \"d\" \"e\" \"f\" \"not\" \"g\"*");
  }

  @Test
  void theIndexFollowsEditsDeletesPurgesAndChannelDeletesWithoutOrphans() throws SQLException {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    Channel other = newChannel(storage);
    Message edited = post(storage, channel, "alpha one");
    Message deleted = post(storage, channel, "alpha two");
    Message purged = post(storage, channel, "alpha three");
    post(storage, other, "alpha four");
    await(storage.messages().edit(edited.id(), 1, "beta one"));
    await(storage.messages().delete(deleted.id()));
    storage.messages().purge(purged.id()).block(TIMEOUT);
    assertThat(search(storage, "alpha", channel.createdBy())).hasSize(1);
    assertThat(search(storage, "beta", channel.createdBy())).hasSize(1);
    storage.channels().delete(other.id()).block(TIMEOUT);
    assertThat(search(storage, "alpha", channel.createdBy())).isEmpty();
    storage.close();
    assertThat(count("SELECT COUNT(*) FROM message_search_docs"))
        .as("one document per message, tombstones included")
        .isEqualTo(count("SELECT COUNT(*) FROM messages"))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM message_search_docs d"
                    + " WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = d.message_id)"))
        .as("no orphan documents, not even after a cascading channel delete")
        .isZero();
  }

  @Test
  void searchStillFindsEveryMessageAfterVacuum() throws SQLException {
    SqliteStorage storage = open(Map.of());
    Channel channel = newChannel(storage);
    for (int i = 0; i < 50; i++) {
      post(storage, channel, "gamma number" + i);
    }
    // purging from the middle leaves holes that VACUUM may renumber in a table with a TEXT key
    List<Message> history =
        await(
            storage.messages().stream(channel.id(), 0, dev.chatstore.storage.Direction.FORWARD)
                .collectList());
    for (int i = 0; i < 50; i += 2) {
      storage.messages().purge(history.get(i).id()).block(TIMEOUT);
    }
    storage.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement s = c.createStatement()) {
      s.execute("VACUUM");
    }
    SqliteStorage reopened = open(Map.of());
    for (int i = 1; i < 50; i += 2) {
      assertThat(search(reopened, "number" + i, channel.createdBy()))
          .extracting(Message::id)
          .containsExactly(history.get(i).id());
    }
    assertThat(search(reopened, "gamma", channel.createdBy())).hasSize(25);
  }
}
