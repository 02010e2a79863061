package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTests {

  @Test
  void generatesStrictlyIncreasingVersion7Uuids() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Uuids.next());
    }
    for (int i = 1; i < ids.size(); i++) {
      assertThat(Uuids.compare(ids.get(i - 1), ids.get(i))).isNegative();
      assertThat(ids.get(i - 1).toString()).isLessThan(ids.get(i).toString());
    }
    assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    assertThat(ids).allSatisfy(id -> assertThat(id.variant()).isEqualTo(2));
  }

  @Test
  void parseNamesTheArgumentOnBadInput() {
    assertThatThrownBy(() -> Uuids.parse("nope", "channelId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channelId");
    assertThatThrownBy(() -> Uuids.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "userId"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userId");
  }
}
