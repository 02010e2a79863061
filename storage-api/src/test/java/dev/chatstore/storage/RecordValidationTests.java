package dev.chatstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordValidationTests {

  private final UserId user = UserId.generate();
  private final ChannelId channel = ChannelId.generate();
  private final PasswordHash hash =
      PasswordHash.bcrypt("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy");

  @Test
  void usernamesAreFoldedToLowerCaseAndChecked() {
    assertThat(NewUser.of("Alice_1", hash).username()).isEqualTo("alice_1");
    assertThatThrownBy(() -> NewUser.of("a", hash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username");
    assertThatThrownBy(() -> NewUser.of("x".repeat(10_000), hash))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NewUser.of(null, hash))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("username");
  }

  @Test
  void messageBodiesAreLimitedInCodePointsAndRejectControlCharacters() {
    String emoji = "\uD83D\uDE00";
    assertThat(NewMessage.of(channel, user, emoji.repeat(NewMessage.MAX_BODY)).body())
        .hasSize(2 * NewMessage.MAX_BODY);
    assertThatThrownBy(() -> NewMessage.of(channel, user, "a".repeat(NewMessage.MAX_BODY + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> NewMessage.of(channel, user, "nul\u0000byte"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control");
    assertThatThrownBy(() -> NewMessage.of(channel, user, "lone \uD83D surrogate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> NewMessage.of(channel, user, "   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThat(NewMessage.of(channel, user, "line\nbreak\ttab").body()).contains("\n");
  }

  @Test
  void idempotencyKeysArePrintableAscii() {
    NewMessage message = NewMessage.of(channel, user, "hi");
    assertThat(message.withClientTxnId("k-1").clientTxnId()).isEqualTo("k-1");
    assertThatThrownBy(() -> message.withClientTxnId("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientTxnId");
    assertThatThrownBy(() -> message.withClientTxnId("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void historyQueriesRejectOutOfRangeLimits() {
    assertThat(HistoryQuery.latest(channel, 1).limit()).isEqualTo(1);
    assertThat(HistoryQuery.latest(channel, 500).limit()).isEqualTo(500);
    assertThatThrownBy(() -> HistoryQuery.latest(channel, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> HistoryQuery.latest(channel, 501))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> HistoryQuery.after(channel, -1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
  }

  @Test
  void tokenHashesAreSha256HexAndHideThemselvesInToString() {
    TokenHash hash = TokenHash.of("secret-token");
    assertThat(hash.hex()).hasSize(64).matches("[0-9a-f]+");
    assertThat(hash).isEqualTo(TokenHash.of("secret-token"));
    assertThat(hash.toString()).doesNotContain(hash.hex());
    assertThatThrownBy(() -> new TokenHash("ABC")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyValueKeysArePrintableAsciiAndValuesBounded() {
    assertThat(KeyValueStore.checkKey("ratchet/device-1", "sortKey")).isEqualTo("ratchet/device-1");
    assertThatThrownBy(() -> KeyValueStore.checkKey("", "partition"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> KeyValueStore.checkKey("caf\u00e9", "sortKey"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyValueStore.checkValue(new byte[KeyValueStore.MAX_VALUE + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyValueEntriesCopyTheirBytes() {
    byte[] bytes = {1, 2, 3};
    KeyValueEntry entry =
        new KeyValueEntry("p", "s", bytes, 1, java.time.Instant.parse("2026-01-01T00:00:00Z"));
    bytes[0] = 9;
    assertThat(entry.value()).containsExactly(1, 2, 3);
    entry.value()[1] = 9;
    assertThat(entry.value()).containsExactly(1, 2, 3);
  }

  @Test
  void urlsAreRedactedForMessages() {
    assertThat(Storages.redact("r2dbc:postgresql://chat:s3cret@localhost:5432/db"))
        .isEqualTo("r2dbc:postgresql://chat:***@localhost:5432/db");
    assertThat(Storages.redact("r2dbc:postgresql://localhost/db?user=a&password=b&x=1"))
        .isEqualTo("r2dbc:postgresql://localhost/db?user=a&password=***&x=1");
  }

  @Test
  void openingAnUnknownSchemeNamesTheUrlWithoutItsPassword() {
    assertThatThrownBy(() -> Storages.open("mongodb://u:pw@host/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mongodb://u:***@host/db")
        .hasMessageNotContaining("pw@");
  }
}
