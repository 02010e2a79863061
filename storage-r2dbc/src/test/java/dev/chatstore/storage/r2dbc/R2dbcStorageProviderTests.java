package dev.chatstore.storage.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Capability;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.Storages;
import dev.chatstore.storage.tck.TestData;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** URLs and settings of the provider, on H2 in memory. */
class R2dbcStorageProviderTests {

  private final R2dbcStorageProvider provider = new R2dbcStorageProvider();

  @BeforeAll
  static void defaultTimeout() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(60));
  }

  private static String h2() {
    return "r2dbc:h2:mem:///provider_" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void acceptsPostgresqlAndH2UrlsOnly() {
    assertThat(provider.supports("r2dbc:postgresql://u:p@localhost:5432/db")).isTrue();
    assertThat(provider.supports("r2dbc:h2:mem:///x")).isTrue();
    assertThat(provider.supports("r2dbc:mysql://localhost/db")).isFalse();
    assertThat(provider.supports("sqlite:./x.db")).isFalse();
  }

  @Test
  void storagesOpensAnH2DatabaseThroughTheServiceLoaderWithPoolSettingsFromTheUrl() {
    try (Storage storage = Storages.open(h2() + "?poolSize=2&maxAcquireTime=PT2S")) {
      assertThat(storage).isInstanceOf(R2dbcStorage.class);
      assertThat(storage.capabilities()).containsExactly(Capability.PARALLEL_WRITES);
      storage
          .health()
          .as(StepVerifier::create)
          .assertNext(
              health -> {
                assertThat(health.up()).isTrue();
                assertThat(health.backend()).isEqualTo("h2");
                assertThat(health.details()).containsEntry("pool.max", 2);
              })
          .verifyComplete();
    }
  }

  @Test
  void propertiesOverrideTheUrlsSettings() {
    try (Storage storage =
        Storages.open(
            h2() + "?poolSize=2",
            StorageOptions.defaults().withProperties(Map.of("poolSize", "1")))) {
      storage
          .health()
          .map(h -> h.details().get("pool.max"))
          .as(StepVerifier::create)
          .expectNext(1)
          .verifyComplete();
    }
  }

  @Test
  void malformedSettingsAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> Storages.open(h2() + "?poolSize=many"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> Storages.open(h2() + "?maxAcquireTime=soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAcquireTime");
    assertThatThrownBy(() -> Storages.open(h2() + "?poolSize=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
  }

  @Test
  void anInMemoryDatabaseGoesAwayWithItsLastStorage() {
    String url = h2();
    try (Storage first = Storages.open(url)) {
      first
          .users()
          .create(dev.chatstore.storage.NewUser.of("kept", TestData.passwordHash()))
          .toFuture()
          .join();
      try (Storage second = Storages.open(url)) {
        second
            .users()
            .findByUsername("kept")
            .as(StepVerifier::create)
            .as("both storages reach the same in-memory database")
            .expectNextCount(1)
            .verifyComplete();
      }
    }
    try (Storage reopened = Storages.open(url)) {
      reopened
          .users()
          .findByUsername("kept")
          .as(StepVerifier::create)
          .as("closed with the last storage: a fresh database")
          .verifyComplete();
    }
  }
}
