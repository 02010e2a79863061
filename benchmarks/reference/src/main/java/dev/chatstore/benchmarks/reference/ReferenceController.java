package dev.chatstore.benchmarks.reference;

import dev.chatstore.benchmarks.reference.Backend.MessageRow;
import dev.chatstore.benchmarks.reference.Backend.NewMessage;
import dev.chatstore.benchmarks.reference.Backend.Page;
import dev.chatstore.benchmarks.reference.Backend.UserRow;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The three measured paths, bare: {@code /ref/...} mirrors chatstore's {@code /api/v1/...}. */
@RestController
final class ReferenceController {

  private final Backend backend;
  private final UUID author;

  ReferenceController(Backend backend, UUID author) {
    this.backend = backend;
    this.author = author;
  }

  @PostMapping(
      path = "/ref/channels/{channel}/messages",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<MessageRow>> post(
      @PathVariable UUID channel,
      @RequestBody NewMessage message,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
    return backend
        .post(uuidV7(), channel, author, message.body(), key)
        .map(row -> ResponseEntity.status(HttpStatus.CREATED).body(row))
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  @GetMapping(
      path = "/ref/channels/{channel}/messages",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Page> page(@PathVariable UUID channel, @RequestParam(defaultValue = "50") int limit) {
    return backend.page(channel, Math.max(1, Math.min(limit, 500))).map(Page::new);
  }

  @GetMapping(path = "/ref/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<UserRow>> user(@PathVariable UUID id) {
    return backend
        .user(id)
        .map(ResponseEntity::ok)
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  /** A time-ordered id (UUID version 7), as chatstore's ids are, so both insert in key order. */
  private static UUID uuidV7() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
