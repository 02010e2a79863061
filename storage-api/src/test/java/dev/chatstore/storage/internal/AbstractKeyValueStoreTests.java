package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.KeyValueEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The key-value base class over hooks that are single-item atomic operations on a map, as a
 * key-value engine (DynamoDB's conditional writes) would implement them: no transaction anywhere.
 */
class AbstractKeyValueStoreTests {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456789Z");

  /** Each hook is one atomic operation on one item of the map. */
  private static final class MapStore extends AbstractKeyValueStore {
    final Map<String, KeyValueEntry> items = new ConcurrentSkipListMap<>(KeyRanges::compare);
    final AtomicLong calls = new AtomicLong();

    MapStore() {
      super(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String key(String partition, String sortKey) {
      return partition + "\u0000" + sortKey;
    }

    private <T> Mono<T> call(java.util.function.Supplier<@Nullable T> work) {
      return Mono.fromSupplier(
          () -> {
            calls.incrementAndGet();
            return work.get();
          });
    }

    @Override
    protected Mono<KeyValueEntry> selectEntry(String partition, String sortKey) {
      return call(() -> items.get(key(partition, sortKey)));
    }

    @Override
    protected Mono<KeyValueEntry> upsertEntry(String p, String s, byte[] value, Instant now) {
      return call(
          () ->
              items.compute(
                  key(p, s),
                  (k, old) ->
                      new KeyValueEntry(p, s, value, old == null ? 1 : old.version() + 1, now)));
    }

    @Override
    protected Mono<Long> insertEntryIfAbsent(KeyValueEntry e) {
      return call(() -> items.putIfAbsent(key(e.partition(), e.sortKey()), e) == null ? 1L : 0L);
    }

    @Override
    protected Mono<Long> updateEntryIfVersion(KeyValueEntry e, long expected) {
      return call(
          () -> {
            KeyValueEntry old = items.get(key(e.partition(), e.sortKey()));
            return old != null
                    && old.version() == expected
                    && items.replace(key(e.partition(), e.sortKey()), old, e)
                ? 1L
                : 0L;
          });
    }

    @Override
    protected Mono<Long> deleteEntry(String partition, String sortKey) {
      return call(() -> items.remove(key(partition, sortKey)) == null ? 0L : 1L);
    }

    @Override
    protected Mono<Long> deleteEntryIfVersion(String partition, String sortKey, long expected) {
      return call(
          () -> {
            KeyValueEntry old = items.get(key(partition, sortKey));
            return old != null
                    && old.version() == expected
                    && items.remove(key(partition, sortKey), old)
                ? 1L
                : 0L;
          });
    }

    @Override
    protected Flux<KeyValueEntry> selectEntries(
        String partition, KeyRanges.Range range, @Nullable String after, int limit) {
      return Flux.defer(
          () ->
              Flux.fromIterable(items.values())
                  .filter(e -> e.partition().equals(partition) && range.contains(e.sortKey()))
                  .filter(e -> after == null || KeyRanges.compare(e.sortKey(), after) > 0)
                  .take(limit));
    }
  }

  @Test
  void conditionalWritesReportConflictsWithTheSharedText() {
    MapStore store = new MapStore();
    store
        .put("p", "k", new byte[] {1}, 0)
        .as(StepVerifier::create)
        .assertNext(
            e -> {
              assertThat(e.version()).isEqualTo(1);
              assertThat(e.updatedAt())
                  .as("microseconds")
                  .isEqualTo(Instant.parse("2026-12-01T10:00:00.123456Z"));
            })
        .verifyComplete();
    store
        .put("p", "k", new byte[] {2}, 0)
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("entry p/k already exists")
                    .extracting(c -> ((ConflictException) c).field())
                    .isEqualTo(java.util.Optional.of("version")))
        .verify();
    store
        .put("p", "k", new byte[] {2}, 7)
        .as(StepVerifier::create)
        .expectErrorMessage("entry p/k is not at version 7")
        .verify();
    store
        .put("p", "k", new byte[] {2}, 1)
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    store
        .delete("p", "k", 1)
        .as(StepVerifier::create)
        .expectErrorMessage("entry p/k is not at version 1")
        .verify();
    store.delete("p", "k", 2).as(StepVerifier::create).verifyComplete();
    assertThat(store.items).isEmpty();
  }

  @Test
  void longKeysAreClippedInTheText() {
    MapStore store = new MapStore();
    String longKey = "k".repeat(100);
    store
        .delete("p", longKey, 3)
        .as(StepVerifier::create)
        .expectErrorMessage("entry p/" + "k".repeat(40) + "... is not at version 3")
        .verify();
  }

  @Test
  void pagesReadThePrefixRangeAfterTheKeyset() {
    MapStore store = new MapStore();
    for (String key : new String[] {"a", "a~", "a~~", "b", "~", "~~"}) {
      store.put("p", key, new byte[0]).block();
    }
    store.put("q", "a", new byte[0]).block();
    assertThat(store.page("p", "a~", null, 10).map(KeyValueEntry::sortKey).collectList().block())
        .containsExactly("a~", "a~~");
    assertThat(store.page("p", "", "a~~", 2).map(KeyValueEntry::sortKey).collectList().block())
        .containsExactly("b", "~");
    assertThat(store.page("p", "~", "~", 10).map(KeyValueEntry::sortKey).collectList().block())
        .containsExactly("~~");
  }

  @Test
  void argumentsAreCheckedAtCallTimeAndNothingRunsBeforeSubscription() {
    MapStore store = new MapStore();
    assertThatThrownBy(() -> store.delete("p", "k", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> store.page("p", "caf\u00e9", null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    store.put("p", "k", new byte[] {1}, 0);
    store.get("p", "k");
    store.page("p", "", null, 10);
    assertThat(store.calls).hasValue(0);
  }
}
