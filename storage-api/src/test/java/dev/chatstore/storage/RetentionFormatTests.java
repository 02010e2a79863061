package dev.chatstore.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionFormatTests {

  @Test
  void wholeDaysReadAsDaysAndTheRestAsIsoDurations() {
    assertThat(RetentionStore.format(Duration.ofDays(30))).isEqualTo("P30D");
    assertThat(RetentionStore.format(Duration.ofHours(720))).isEqualTo("P30D");
    assertThat(RetentionStore.format(Duration.ofHours(12))).isEqualTo("PT12H");
    assertThat(RetentionStore.format(Duration.ofSeconds(90_000))).isEqualTo("PT25H");
  }
}
