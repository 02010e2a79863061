package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.MediaItem;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import dev.chatstore.storage.migrations.Migrations;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The schema migrations on the backend's database: update, roll back and update again with rows
 * present, and nothing that should survive is lost. Each test has its own database.
 */
public abstract class MigrationContractTests extends StorageContractSupport {

  /** The tables of schema 1.0, lower case. */
  protected static final Set<String> TABLES_1_0 =
      Set.of("users", "channels", "memberships", "messages", "sessions", "media", "key_values");

  /** The tables schema 2.0 adds, lower case (backend-specific search tables aside). */
  protected static final Set<String> TABLES_2_0 =
      Set.of("message_threads", "reactions", "message_edits", "channel_retention", "audit_log");

  /** The tables of the schema, lower case. */
  protected static final Set<String> TABLES = union(TABLES_1_0, TABLES_2_0);

  /** For subclasses. */
  protected MigrationContractTests() {}

  /** Everything written before the migrations are rolled back, to compare afterwards. */
  private record Rows(
      User owner,
      User member,
      Channel channel,
      Membership membership,
      List<Message> messages,
      Session session,
      MediaItem media,
      KeyValueEntry entry) {}

  private Rows writeRows(Storage storage) {
    User owner = await(storage.users().create(TestData.newUser()));
    User member = await(storage.users().create(TestData.newUser()));
    Channel created = await(storage.channels().create(TestData.newChannel(owner.id())));
    await(storage.channels().putMember(created.id(), member.id(), Role.MODERATOR));
    Message first =
        await(storage.messages().post(NewMessage.of(created.id(), owner.id(), "first"))).message();
    Message reply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(created.id(), member.id(), "reply")
                            .withParent(first.id())
                            .withClientTxnId("k-1")))
            .message();
    Message doomed =
        await(storage.messages().post(NewMessage.of(created.id(), owner.id(), "doomed"))).message();
    clock.advance(Duration.ofMinutes(1));
    Message edited = await(storage.messages().edit(first.id(), 1, "first, edited"));
    Message tombstone = await(storage.messages().delete(doomed.id()));
    await(storage.readState().markRead(created.id(), member.id(), 2));
    Membership membership = await(storage.channels().findMember(created.id(), member.id()));
    Session session =
        await(
            storage
                .sessions()
                .create(
                    member.id(), TestData.tokenHash(), clock.instant().plus(Duration.ofDays(7))));
    MediaItem media = await(storage.media().create(TestData.newMedia(owner.id(), created.id())));
    KeyValueEntry entry =
        await(storage.keyValues().put(TestData.unique("p"), "ratchet", TestData.bytes(100)));
    Channel channel = await(storage.channels().findById(created.id()));
    return new Rows(
        owner,
        member,
        channel,
        membership,
        List.of(edited, reply, tombstone),
        session,
        media,
        entry);
  }

  private void assertRowsUnchanged(Storage storage, Rows rows) {
    storage
        .users()
        .findById(rows.owner().id())
        .as(StepVerifier::create)
        .expectNext(rows.owner())
        .verifyComplete();
    storage
        .users()
        .findById(rows.member().id())
        .as(StepVerifier::create)
        .expectNext(rows.member())
        .verifyComplete();
    storage
        .channels()
        .findById(rows.channel().id())
        .as(StepVerifier::create)
        .expectNext(rows.channel())
        .verifyComplete();
    storage
        .channels()
        .findMember(rows.channel().id(), rows.member().id())
        .as(StepVerifier::create)
        .expectNext(rows.membership())
        .verifyComplete();
    storage
        .messages()
        .page(HistoryQuery.after(rows.channel().id(), 0, 10).withDeleted())
        .as(StepVerifier::create)
        .expectNextSequence(rows.messages())
        .verifyComplete();
    storage
        .readState()
        .unreadCount(rows.channel().id(), rows.member().id())
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
    storage
        .sessions()
        .findByTokenHash(rows.session().tokenHash())
        .as(StepVerifier::create)
        .expectNext(rows.session())
        .verifyComplete();
    storage
        .media()
        .findById(rows.media().id())
        .as(StepVerifier::create)
        .expectNext(rows.media())
        .verifyComplete();
  }

  private static Set<String> schemaTables(Connection connection) throws SQLException {
    Set<String> found = new TreeSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(null, null, "%", null)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema != null
            && (schema.equalsIgnoreCase("information_schema")
                || schema.equalsIgnoreCase("pg_catalog"))) {
          continue;
        }
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (TABLES.contains(name)) {
          found.add(name);
        }
      }
    }
    return found;
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void rollingBackTheNewestChangesetsAndUpdatingAgainKeepsEveryOtherRow() throws SQLException {
    TestDatabase database = isolatedDatabase();
    Storage storage = openTracked(database, Map.of());
    Rows rows = writeRows(storage);
    storage.close();

    try (Connection connection = database.openMigrationConnection()) {
      assertThat(schemaTables(connection)).isEqualTo(TABLES);
      long applied = count(connection, "DATABASECHANGELOG");
      // rolling back to a tag also rolls back the changeset that only set the tag
      Migrations.rollbackToTag(connection, "1.0");
      long at10 = count(connection, "DATABASECHANGELOG");
      // then the newest changeset of 1.0 left: the key_values table
      Migrations.rollbackCount(connection, 1);
      assertThat(schemaTables(connection))
          .as("key_values rolled back")
          .isEqualTo(new TreeSet<>(minus(TABLES_1_0, "key_values")));
      assertThat(count(connection, "DATABASECHANGELOG")).isEqualTo(at10 - 1);
      assertThat(count(connection, "users")).isEqualTo(2);
      assertThat(count(connection, "messages")).isEqualTo(3);
      Migrations.update(connection);
      assertThat(schemaTables(connection)).isEqualTo(TABLES);
      assertThat(count(connection, "DATABASECHANGELOG")).isEqualTo(applied);
      Migrations.rollbackToTag(connection, Migrations.LATEST_TAG);
      assertThat(schemaTables(connection))
          .as("rolling back to the latest tag changes nothing")
          .isEqualTo(TABLES);
    }

    Storage reopened = openTracked(database, Map.of());
    assertRowsUnchanged(reopened, rows);
    reopened
        .keyValues()
        .get(rows.entry().partition(), rows.entry().sortKey())
        .as(StepVerifier::create)
        .as("the rolled-back table came back empty")
        .verifyComplete();
    reopened
        .keyValues()
        .put(rows.entry().partition(), rows.entry().sortKey(), new byte[] {7}, 0)
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    reopened
        .messages()
        .post(NewMessage.of(rows.channel().id(), rows.owner().id(), "after"))
        .as(StepVerifier::create)
        .assertNext(r -> assertThat(r.message().seq()).isEqualTo(4))
        .verifyComplete();
  }

  @Test
  void rollingBackToVersion10WithRowsIn20TablesAndUpdatingAgainKeeps10DataAnd20Works()
      throws SQLException {
    TestDatabase database = isolatedDatabase();
    Storage storage = openTracked(database, Map.of());
    Rows rows = writeRows(storage);
    // rows in every 2.0 table
    Message root = rows.messages().get(0);
    await(storage.reactions().add(root.id(), rows.member().id(), "👍"));
    await(storage.retention().setPolicy(rows.channel().id(), Duration.ofDays(30)));
    Message extra =
        await(storage.messages().post(NewMessage.of(rows.channel().id(), rows.owner().id(), "x")))
            .message();
    await(storage.messages().edit(extra.id(), 1, "x, edited"));
    await(storage.messages().purge(extra.id()).thenReturn(1));
    assertThat(awaitAll(storage.audit().page(rows.channel().id(), null, 10))).isNotEmpty();
    assertThat(await(storage.messages().findById(root.id())).replyCount()).isEqualTo(1);
    storage.close();

    try (Connection connection = database.openMigrationConnection()) {
      for (String table : TABLES_2_0) {
        assertThat(count(connection, table)).as("rows in %s", table).isPositive();
      }
      long applied = count(connection, "DATABASECHANGELOG");
      Migrations.rollbackToTag(connection, "1.0");
      assertThat(schemaTables(connection)).as("2.0 tables dropped").isEqualTo(TABLES_1_0);
      assertThat(count(connection, "DATABASECHANGELOG")).isLessThan(applied);
      assertThat(count(connection, "messages")).isEqualTo(3);
      Migrations.update(connection);
      assertThat(schemaTables(connection)).isEqualTo(TABLES);
      assertThat(count(connection, "DATABASECHANGELOG")).isEqualTo(applied);
    }

    Storage reopened = openTracked(database, Map.of());
    Channel channel = await(reopened.channels().findById(rows.channel().id()));
    assertThat(channel.retention()).as("the policy went with its table").isNull();
    assertThat(channel.lastSeq()).isEqualTo(4);
    assertThat(channel.version()).isEqualTo(rows.channel().version());
    assertThat(channel.name()).isEqualTo(rows.channel().name());
    assertThat(await(reopened.messages().findById(root.id())))
        .as("1.0 data intact, thread counts rebuilt by the update")
        .isEqualTo(root);
    reopened
        .messages()
        .page(HistoryQuery.after(rows.channel().id(), 0, 10).withDeleted())
        .map(Message::id)
        .as(StepVerifier::create)
        .expectNextSequence(rows.messages().stream().map(Message::id).toList())
        .verifyComplete();
    reopened
        .audit()
        .page(rows.channel().id(), null, 10)
        .as(StepVerifier::create)
        .as("the audit table came back empty")
        .verifyComplete();
    assertThat(awaitAll(reopened.messages().edits(root.id(), 0, 10))).isEmpty();
    // 2.0 works again, and search finds the messages written under 1.0
    assertThat(
            awaitAll(
                    reopened.search().search(SearchQuery.of("first edited", rows.owner().id(), 10)))
                .stream()
                .map(h -> h.message().id())
                .toList())
        .containsExactly(root.id());
    reopened
        .reactions()
        .add(root.id(), rows.member().id(), "👍")
        .as(StepVerifier::create)
        .expectNext(true)
        .verifyComplete();
    Message reply =
        await(
                reopened
                    .messages()
                    .post(
                        NewMessage.of(rows.channel().id(), rows.owner().id(), "again")
                            .withParent(root.id())))
            .message();
    Message counted = await(reopened.messages().findById(root.id()));
    assertThat(counted.replyCount())
        .as("the reply written under 1.0 is counted again, and the new one")
        .isEqualTo(2);
    assertThat(counted.lastReplyAt()).isEqualTo(reply.createdAt());
    assertThat(await(reopened.messages().edit(root.id(), root.version(), "third body")).version())
        .isEqualTo(root.version() + 1);
    assertThat(awaitAll(reopened.messages().edits(root.id(), 0, 10))).hasSize(1);
    assertThat(
            await(reopened.retention().setPolicy(rows.channel().id(), Duration.ofDays(1)))
                .retention())
        .isEqualTo(Duration.ofDays(1));
    assertThat(awaitAll(reopened.audit().page(rows.channel().id(), null, 10))).hasSize(1);
  }

  @Test
  void aFullRollbackLeavesAnEmptySchemaAndUpdatingAgainRebuildsIt() throws SQLException {
    TestDatabase database = isolatedDatabase();
    Storage storage = openTracked(database, Map.of());
    Rows rows = writeRows(storage);
    storage.close();

    try (Connection connection = database.openMigrationConnection()) {
      int applied = (int) count(connection, "DATABASECHANGELOG");
      assertThat(applied).isPositive();
      Migrations.rollbackCount(connection, applied);
      assertThat(schemaTables(connection)).as("no table of the schema is left").isEmpty();
      assertThat(count(connection, "DATABASECHANGELOG")).isZero();
      Migrations.update(connection);
      assertThat(schemaTables(connection)).isEqualTo(TABLES);
      assertThat(count(connection, "DATABASECHANGELOG")).isEqualTo(applied);
      assertThat(count(connection, "users")).isZero();
    }

    Storage reopened = openTracked(database, Map.of());
    reopened.users().findById(rows.owner().id()).as(StepVerifier::create).verifyComplete();
    reopened
        .users()
        .create(TestData.newUser(rows.owner().username()))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void updatingAnUpToDateSchemaChangesNothing() throws SQLException {
    TestDatabase database = isolatedDatabase();
    Storage storage = openTracked(database, Map.of());
    Rows rows = writeRows(storage);
    storage.close();
    try (Connection connection = database.openMigrationConnection()) {
      long applied = count(connection, "DATABASECHANGELOG");
      Migrations.update(connection);
      assertThat(count(connection, "DATABASECHANGELOG")).isEqualTo(applied);
    }
    Storage reopened = openTracked(database, Map.of());
    assertRowsUnchanged(reopened, rows);
    reopened
        .keyValues()
        .get(rows.entry().partition(), rows.entry().sortKey())
        .as(StepVerifier::create)
        .expectNext(rows.entry())
        .verifyComplete();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> union = new TreeSet<>(a);
    union.addAll(b);
    return Set.copyOf(union);
  }

  private static Set<String> minus(Set<String> set, String element) {
    Set<String> copy = new TreeSet<>(set);
    copy.remove(element);
    return copy;
  }
}
