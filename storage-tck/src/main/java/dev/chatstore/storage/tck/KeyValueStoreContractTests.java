package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.KeyValueEntry;
import dev.chatstore.storage.KeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The contract of {@link KeyValueStore}: versions, compare-and-set under racing writers, prefix
 * pages in sort-key order, and exact byte round trips.
 */
public abstract class KeyValueStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected KeyValueStoreContractTests() {}

  private KeyValueStore kv() {
    return storage().keyValues();
  }

  private static String partition() {
    return TestData.unique("part");
  }

  @Test
  void putCreatesAtVersionOneAndReplacesWithTheNextVersion() {
    String p = partition();
    byte[] first = {1, 2, 3};
    kv().put(p, "k", first)
        .as(StepVerifier::create)
        .assertNext(
            e -> {
              assertThat(e.partition()).isEqualTo(p);
              assertThat(e.sortKey()).isEqualTo("k");
              assertThat(e.value()).containsExactly(1, 2, 3);
              assertThat(e.version()).isEqualTo(1);
              assertThat(e.updatedAt()).isEqualTo(clock.micros());
            })
        .verifyComplete();
    Instant later = clock.advance(Duration.ofSeconds(1).plusNanos(1_500));
    KeyValueEntry second = await(kv().put(p, "k", new byte[] {9}));
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.value()).containsExactly(9);
    assertThat(second.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    kv().get(p, "k").as(StepVerifier::create).expectNext(second).verifyComplete();
  }

  @Test
  void getIsEmptyForAMissingEntry() {
    String p = partition();
    kv().get(p, "missing").as(StepVerifier::create).verifyComplete();
    await(kv().put(p, "present", new byte[] {1}));
    kv().get(p, "missing").as(StepVerifier::create).verifyComplete();
    kv().get(partition(), "present")
        .as(StepVerifier::create)
        .as("another partition")
        .verifyComplete();
  }

  @Test
  void compareAndSetWithVersionZeroCreatesOnlyWhenAbsent() {
    String p = partition();
    kv().put(p, "k", new byte[] {1}, 0)
        .as(StepVerifier::create)
        .assertNext(e -> assertThat(e.version()).isEqualTo(1))
        .verifyComplete();
    kv().put(p, "k", new byte[] {2}, 0)
        .as(StepVerifier::create)
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(failure(ConflictException.class, "entry " + p + "/k already exists")))
        .verify();
    assertThat(await(kv().get(p, "k")).value()).containsExactly(1);
  }

  @Test
  void compareAndSetSucceedsOnlyWithTheStoredVersion() {
    String p = partition();
    await(kv().put(p, "k", new byte[] {1}));
    await(kv().put(p, "k", new byte[] {2}));
    kv().put(p, "k", new byte[] {3}, 1)
        .as(StepVerifier::create)
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(failure(ConflictException.class, "entry " + p + "/k is not at version 1")))
        .verify();
    kv().put(p, "k", new byte[] {3}, 3)
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(ConflictException.class, "entry " + p + "/k is not at version 3"))
        .verify();
    kv().put(p, "k", new byte[] {3}, 2)
        .as(StepVerifier::create)
        .assertNext(
            e -> {
              assertThat(e.version()).isEqualTo(3);
              assertThat(e.value()).containsExactly(3);
            })
        .verifyComplete();
    kv().put(p, "absent", new byte[] {1}, 1)
        .as(StepVerifier::create)
        .as("a version where nothing is stored")
        .expectErrorMatches(
            failure(ConflictException.class, "entry " + p + "/absent is not at version 1"))
        .verify();
    kv().get(p, "absent").as(StepVerifier::create).verifyComplete();
  }

  @Test
  void ofSixteenRacingCompareAndSetsExactlyOneWins() {
    String p = partition();
    await(kv().put(p, "ratchet", new byte[] {0}));
    int writers = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<Mono<Object>> racers = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      byte[] value = {(byte) (i + 1)};
      racers.add(
          Mono.fromRunnable(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  })
              .subscribeOn(Schedulers.boundedElastic())
              .then(kv().put(p, "ratchet", value, 1))
              .<Object>map(e -> e)
              .onErrorResume(ConflictException.class, e -> Mono.just(e)));
    }
    Mono<List<Object>> all = Flux.merge(racers).collectList();
    var future = all.toFuture();
    start.countDown();
    List<Object> outcomes = await(Mono.fromFuture(future));
    assertThat(outcomes).hasSize(writers);
    List<KeyValueEntry> wins =
        outcomes.stream()
            .filter(KeyValueEntry.class::isInstance)
            .map(KeyValueEntry.class::cast)
            .toList();
    assertThat(wins).as("exactly one writer wins").hasSize(1);
    assertThat(wins.get(0).version()).isEqualTo(2);
    assertThat(
            outcomes.stream()
                .filter(ConflictException.class::isInstance)
                .map(ConflictException.class::cast))
        .as("every other writer sees a version mismatch")
        .hasSize(writers - 1)
        .allMatch(e -> e.reason() == Reason.VERSION_MISMATCH);
    kv().get(p, "ratchet").as(StepVerifier::create).expectNext(wins.get(0)).verifyComplete();
  }

  @Test
  void deleteReportsWhetherAnEntryWasDeleted() {
    String p = partition();
    await(kv().put(p, "k", new byte[] {1}));
    kv().delete(p, "k").as(StepVerifier::create).expectNext(1L).verifyComplete();
    kv().get(p, "k").as(StepVerifier::create).verifyComplete();
    kv().delete(p, "k").as(StepVerifier::create).expectNext(0L).verifyComplete();
    kv().put(p, "k", new byte[] {2}, 0)
        .as(StepVerifier::create)
        .as("recreated after delete")
        .assertNext(e -> assertThat(e.version()).isEqualTo(1))
        .verifyComplete();
  }

  @Test
  void deleteWithAnExpectedVersionDeletesOnlyThatVersion() {
    String p = partition();
    await(kv().put(p, "k", new byte[] {1}));
    await(kv().put(p, "k", new byte[] {2}));
    kv().delete(p, "k", 1)
        .as(StepVerifier::create)
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(failure(ConflictException.class, "entry " + p + "/k is not at version 1")))
        .verify();
    assertThat(await(kv().get(p, "k")).version()).isEqualTo(2);
    kv().delete(p, "k", 2).as(StepVerifier::create).verifyComplete();
    kv().get(p, "k").as(StepVerifier::create).verifyComplete();
    kv().delete(p, "k", 2)
        .as(StepVerifier::create)
        .as("nothing stored any more")
        .expectErrorMatches(
            failure(ConflictException.class, "entry " + p + "/k is not at version 2"))
        .verify();
    assertThatThrownBy(() -> kv().delete(p, "k", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
  }

  @Test
  void aPrefixEndingInTheLargestKeyCharacterStillBoundsItsRange() {
    String p = partition();
    for (String key : List.of("~", "~~", "~a", "}~", "a}", "a~", "a~~", "a~}", "b")) {
      await(kv().put(p, key, new byte[] {1}));
    }
    assertThat(walk(p, "~", 2)).containsExactly("~", "~a", "~~");
    assertThat(walk(p, "a~", 1)).containsExactly("a~", "a~}", "a~~");
    assertThat(walk(p, "}", 10)).containsExactly("}~");
  }

  private List<String> walk(String p, String prefix, int limit) {
    List<String> seen = new ArrayList<>();
    @Nullable String after = null;
    for (int pages = 0; pages < 100; pages++) {
      List<KeyValueEntry> page = awaitAll(kv().page(p, prefix, after, limit));
      assertThat(page).hasSizeLessThanOrEqualTo(limit).allMatch(e -> e.partition().equals(p));
      if (page.isEmpty()) {
        break;
      }
      page.forEach(e -> seen.add(e.sortKey()));
      after = page.get(page.size() - 1).sortKey();
    }
    return seen;
  }

  @Test
  void pagesWalkAPrefixInSortKeyOrderAcrossPageBoundaries() {
    String p = partition();
    String other = partition();
    // byte order: ' ' < '!' < '%' < '0' < 'A' < 'Z' < '_' < 'a' < 'z' < '~'
    List<String> keys =
        List.of(
            "a", "a b", "a!", "a%", "a0", "aA", "aZ", "a_", "aa", "az", "a~", "a/b/c", "b", "A",
            "_a", "ab%");
    for (String key : keys) {
      await(kv().put(p, key, key.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      await(kv().put(other, key, new byte[] {0}));
    }
    List<String> withA = keys.stream().filter(k -> k.startsWith("a")).sorted().toList();
    assertThat(walk(p, "a", 3)).containsExactlyElementsOf(withA);
    assertThat(walk(p, "a", 1)).containsExactlyElementsOf(withA);
    assertThat(walk(p, "a", 500)).containsExactlyElementsOf(withA);
    assertThat(walk(p, "", 4))
        .as("the whole partition")
        .containsExactlyElementsOf(keys.stream().sorted().toList());
  }

  @Test
  void prefixesAreLiteralNotPatterns() {
    String p = partition();
    for (String key : List.of("a_1", "ab1", "a%1", "axx1", "a\\1", "a\\x", "A_1")) {
      await(kv().put(p, key, new byte[] {1}));
    }
    assertThat(walk(p, "a_", 10)).containsExactly("a_1");
    assertThat(walk(p, "a%", 10)).containsExactly("a%1");
    assertThat(walk(p, "a\\", 10)).containsExactly("a\\1", "a\\x");
    assertThat(walk(p, "A", 10)).as("case-sensitive").containsExactly("A_1");
    assertThat(walk(p, "zz", 10)).isEmpty();
    kv().page(p, "a", "b", 10)
        .as(StepVerifier::create)
        .as("after the prefix's range")
        .verifyComplete();
    kv().page(p, "a", "a~", 10).as(StepVerifier::create).as("after the last key").verifyComplete();
    kv().page(p, "a", "a", 10)
        .as(StepVerifier::create)
        .as("the prefix itself as the cursor")
        .expectNextCount(6)
        .verifyComplete();
  }

  @Test
  void valuesRoundTripByteForByteIncludingEmptyAndTheLargest() {
    String p = partition();
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    byte[] largest = TestData.bytes(KeyValueStore.MAX_VALUE);
    List<byte[]> values = List.of(new byte[0], new byte[] {0}, every, largest);
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i);
      KeyValueEntry stored = await(kv().put(p, "v" + i, value));
      assertThat(stored.value()).isEqualTo(value);
      assertThat(await(kv().get(p, "v" + i)).value())
          .as("value %d of %d bytes", i, value.length)
          .isEqualTo(value);
    }
  }

  @Test
  void theValueIsCopiedAtCallTime() {
    String p = partition();
    byte[] value = {1, 2, 3};
    Mono<KeyValueEntry> put = kv().put(p, "k", value);
    Mono<KeyValueEntry> cas = kv().put(p, "c", value, 0);
    value[0] = 42;
    assertThat(await(put).value()).containsExactly(1, 2, 3);
    assertThat(await(cas).value()).containsExactly(1, 2, 3);
  }

  @Test
  void invalidArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    String p = partition();
    byte[] v = {1};
    String tooLong = "k".repeat(KeyValueStore.MAX_KEY + 1);
    assertThatThrownBy(() -> kv().get(null, "k"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> kv().get(p, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().get("", "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> kv().get(p, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().put(tooLong, "k", v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> kv().put(p, tooLong, v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().put(p, "caf\u00e9", v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().put(p, "tab\t", v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().put(p, "k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(() -> kv().put(p, "k", new byte[KeyValueStore.MAX_VALUE + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(() -> kv().put(p, "k", new byte[KeyValueStore.MAX_VALUE + 1], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(() -> kv().put(p, "k", v, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> kv().delete(null, "k"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> kv().delete(p, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortKey");
    assertThatThrownBy(() -> kv().page(null, "", null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("partition");
    assertThatThrownBy(() -> kv().page(p, null, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> kv().page(p, "", null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> kv().page(p, "", null, 501))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> kv().page(p, "", null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void nothingHappensBeforeSubscriptionAndResubscribingRepeats() {
    String p = partition();
    Mono<KeyValueEntry> put = kv().put(p, "k", new byte[] {1});
    Mono<Long> delete = kv().delete(p, "k");
    kv().get(p, "k").as(StepVerifier::create).verifyComplete();
    put.as(StepVerifier::create)
        .assertNext(e -> assertThat(e.version()).isEqualTo(1))
        .verifyComplete();
    put.as(StepVerifier::create)
        .assertNext(e -> assertThat(e.version()).isEqualTo(2))
        .verifyComplete();
    delete.as(StepVerifier::create).expectNext(1L).verifyComplete();
    delete.as(StepVerifier::create).expectNext(0L).verifyComplete();
  }
}
