package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.UserId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestDataTests {

  @Test
  void makesValidUniqueValues() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      NewUser user = TestData.newUser();
      assertThat(names.add(user.username())).isTrue();
      assertThat(NewUser.username(user.username())).isEqualTo(user.username());
    }
    UserId id = UserId.generate();
    assertThat(TestData.newChannel(id).createdBy()).isEqualTo(id);
    assertThat(TestData.newMedia(id, null).uploaderId()).isEqualTo(id);
    assertThat(TestData.sha256()).hasSize(64);
    assertThat(TestData.bytes(7)).hasSize(7);
    assertThat(TestData.tokenHash()).isNotEqualTo(TestData.tokenHash());
  }
}
