package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTests {

  private static final Instant T = Instant.parse("2031-05-06T07:08:09.123456789Z");

  @Test
  void standsStillUntilMoved() {
    TestClock clock = new TestClock(T);
    assertThat(clock.instant()).isEqualTo(T);
    assertThat(clock.instant()).isEqualTo(T);
    assertThat(clock.millis()).isEqualTo(T.toEpochMilli());
  }

  @Test
  void advancesAndIsSet() {
    TestClock clock = new TestClock(T);
    assertThat(clock.advance(Duration.ofSeconds(2))).isEqualTo(T.plusSeconds(2));
    assertThat(clock.instant()).isEqualTo(T.plusSeconds(2));
    clock.set(T.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(T.minusSeconds(5));
  }

  @Test
  void microsTruncatesToTheStoredPrecision() {
    assertThat(new TestClock(T).micros()).isEqualTo(Instant.parse("2031-05-06T07:08:09.123456Z"));
  }

  @Test
  void isUtcOnly() {
    TestClock clock = new TestClock(T);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
