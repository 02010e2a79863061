package dev.chatstore.storage.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.r2dbc.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The search predicate of {@link PostgresDialect} is the expression of the GIN index created by
 * changeset {@code 0014-search-postgresql}: if the two drift apart, PostgreSQL silently scans every
 * message instead.
 */
class PostgresSearchIndexTests {

  @Test
  void theSearchPredicateIsAnsweredByTheGinIndex() throws SQLException {
    try (PostgresFixture.PostgresDatabase database = PostgresFixture.INSTANCE.createDatabase()) {
      // opening the storage runs the migrations
      try (Storage storage = database.open(StorageOptions.defaults())) {
        assertThat(storage.capabilities()).isNotNull();
      }
      SearchQuery query = SearchQuery.of("hello wor*", UserId.generate(), 10);
      Dialect.SearchMatch match = new PostgresDialect().searchMatch(query.terms(), 1);
      assertThat(match.args()).containsExactly("hello & wor:*");
      String predicate = match.predicate().replace("$1", "'hello & wor:*'");
      List<String> plan = new java.util.ArrayList<>();
      try (Connection c = database.openMigrationConnection();
          Statement s = c.createStatement()) {
        // on an empty table the planner would rightly prefer a scan: forbid it to see the choice
        s.execute("SET enable_seqscan = off");
        try (ResultSet rs =
            s.executeQuery("EXPLAIN SELECT m.id FROM messages m WHERE " + predicate)) {
          while (rs.next()) {
            plan.add(rs.getString(1));
          }
        }
      }
      assertThat(String.join("\n", plan)).contains("ix_messages_body_search");
    }
  }
}
