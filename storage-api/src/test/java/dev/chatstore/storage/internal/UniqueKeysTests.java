package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ConflictException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UniqueKeysTests {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // PostgreSQL
        "duplicate key value violates unique constraint \"uq_users_username\"|username",
        "duplicate key value violates unique constraint \"uq_users_email\"|email",
        "duplicate key value violates unique constraint \"uq_users_public_key\"|publicKey",
        "duplicate key value violates unique constraint \"uq_channels_name\"|name",
        "duplicate key value violates unique constraint \"ux_messages_author_txn\"|clientTxnId",
        // H2 2.4, as it reports them
        "Unique index or primary key violation: \"PUBLIC.UQ_USERS_USERNAME INDEX"
            + " PUBLIC.UQ_USERS_USERNAME_INDEX_4 ON PUBLIC.USERS(USERNAME NULLS FIRST) VALUES"
            + " ( /* 1 */ 'x' )\"|username",
        "Unique index or primary key violation: \"PUBLIC.PK_KEY_VALUES INDEX PUBLIC.PRIMARY_KEY_D"
            + " ON PUBLIC.KEY_VALUES(PARTITION_KEY, SORT_KEY) VALUES ( /* key:1 */ 'a', 'b')\"|sortKey",
        "Unique index or primary key violation: \"PUBLIC.UX_MESSAGES_AUTHOR_TXN_INDEX_C ON"
            + " PUBLIC.MESSAGES(AUTHOR_ID, CLIENT_TXN_ID)\"|clientTxnId",
        // SQLite (xerial), column form only
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed:"
            + " users.username)|username",
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed:"
            + " users.public_key)|publicKey",
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed:"
            + " channels.name)|name",
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed:"
            + " messages.author_id, messages.client_txn_id)|clientTxnId",
        "[SQLITE_CONSTRAINT_PRIMARYKEY] A PRIMARY KEY constraint failed (UNIQUE constraint failed:"
            + " reactions.message_id, reactions.user_id, reactions.emoji)|emoji",
      })
  void everyDriversFormNamesTheRecordField(String message, String field) {
    UniqueKeys.Key key = UniqueKeys.find(message);
    assertThat(key).isNotNull();
    assertThat(key.field()).isEqualTo(field);
    ConflictException conflict = UniqueKeys.duplicate(message, new RuntimeException(message));
    assertThat(conflict.reason()).isEqualTo(ConflictException.Reason.DUPLICATE_KEY);
    assertThat(conflict.field()).contains(field);
    assertThat(conflict).hasMessage(field + " is already taken");
  }

  @Test
  void valuesInTheMessageAreNotMistakenForAKey() {
    // H2 appends the offending row: a username that spells a constraint name is data
    String message =
        "Unique index or primary key violation: \"PUBLIC.PK_USERS PRIMARY KEY ON PUBLIC.USERS(ID)"
            + " ( /* key:1 */ 1, 'uq_users_email')\"";
    assertThat(UniqueKeys.find(message)).isEqualTo(UniqueKeys.named("pk_users"));
  }

  @Test
  void anUnknownKeyIsADuplicateNamingNoField() {
    assertThat(UniqueKeys.find("UNIQUE constraint failed: nowhere.nothing")).isNull();
    assertThat(UniqueKeys.find("something else entirely")).isNull();
    assertThat(UniqueKeys.find(null)).isNull();
    ConflictException conflict = UniqueKeys.duplicate(null, new RuntimeException());
    assertThat(conflict.reason()).isEqualTo(ConflictException.Reason.DUPLICATE_KEY);
    assertThat(conflict.field()).isEmpty();
    assertThat(conflict).hasMessage("a unique value is already taken");
  }

  @Test
  void isDuplicateOfComparesTheKeyTheCauseNames() {
    RuntimeException cause =
        new RuntimeException(
            "UNIQUE constraint failed: messages.author_id, messages.client_txn_id");
    ConflictException txn = UniqueKeys.duplicate(cause.getMessage(), cause);
    assertThat(UniqueKeys.isDuplicateOf(txn, "ux_messages_author_txn")).isTrue();
    assertThat(UniqueKeys.isDuplicateOf(txn, "ux_messages_channel_seq")).isFalse();
    ConflictException users = Failures.duplicate("id", new RuntimeException("pk_users"));
    assertThat(UniqueKeys.isDuplicateOf(users, "pk_users")).isTrue();
    assertThat(UniqueKeys.isDuplicateOf(users, "pk_channels"))
        .as("same field, other key")
        .isFalse();
    assertThat(UniqueKeys.isDuplicateOf(Failures.duplicate("emoji", null), "pk_reactions"))
        .as("without a cause, by field")
        .isTrue();
    assertThat(UniqueKeys.isDuplicateOf(Failures.state("x"), "pk_reactions")).isFalse();
    assertThatThrownBy(() -> UniqueKeys.isDuplicateOf(txn, "uq_nothing"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constraintNamesAndSqliteFormsAreUnambiguous() {
    Set<String> names = new HashSet<>();
    Set<String> columns = new HashSet<>();
    for (UniqueKeys.Key key : UniqueKeys.all()) {
      assertThat(names.add(key.constraint())).as(key.constraint()).isTrue();
      assertThat(columns.add(key.sqliteColumns())).as(key.sqliteColumns()).isTrue();
      for (UniqueKeys.Key other : UniqueKeys.all()) {
        if (other != key) {
          assertThat(other.constraint())
              .as("no name contains another")
              .doesNotContain(key.constraint());
        }
      }
    }
  }
}
