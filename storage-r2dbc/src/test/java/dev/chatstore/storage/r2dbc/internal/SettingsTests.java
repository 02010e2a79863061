package dev.chatstore.storage.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTests {

  private static Settings of(String query, Map<String, String> properties) {
    return Settings.of(
        ConnectionFactoryOptions.parse("r2dbc:postgresql://localhost/db" + query), properties);
  }

  @Test
  void theSafetyWakeUpDefaultsToTenSeconds() {
    assertThat(of("", Map.of()).followSafetyWakeUp()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theSafetyWakeUpIsReadFromTheUrlAndOverriddenByProperties() {
    assertThat(of("?followSafetyWakeUp=250ms", Map.of()).followSafetyWakeUp())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(
            of("?followSafetyWakeUp=250ms", Map.of("followSafetyWakeUp", "PT30S"))
                .followSafetyWakeUp())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aZeroSafetyWakeUpDisablesIt() {
    for (String zero : new String[] {"0", "0s", "0ms", "PT0S"}) {
      assertThat(of("", Map.of("followSafetyWakeUp", zero)).followSafetyWakeUp()).as(zero).isZero();
    }
  }

  @Test
  void aNegativeOrMalformedSafetyWakeUpIsRejected() {
    assertThatThrownBy(() -> of("", Map.of("followSafetyWakeUp", "-1s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("followSafetyWakeUp");
    assertThatThrownBy(() -> of("", Map.of("followSafetyWakeUp", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("followSafetyWakeUp");
  }
}
