package dev.chatstore.app.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.TransientStorageException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A live stream survives the database going away: it resumes from the last position it sent. */
class ResumingFollowTests {

  private static final Duration TINY = Duration.ofMillis(1);

  @BeforeAll
  static void timeouts() {
    StepVerifier.setDefaultTimeout(Duration.ofSeconds(30));
  }

  @Test
  void aTransientFailureResumesAfterTheLastItemSentWithoutGapsOrRepeats() {
    List<Long> starts = new CopyOnWriteArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    Flux<Long> follow =
        ResumingFollow.of(
            0,
            after -> {
              starts.add(after);
              int attempt = attempts.incrementAndGet();
              if (attempt == 1) {
                return Flux.just(1L, 2L)
                    .concatWith(Flux.error(new TransientStorageException("db restarting", null)));
              }
              if (attempt == 2) {
                return Flux.error(new TransientStorageException("still down", null));
              }
              return Flux.range((int) after + 1, 3).map(Integer::longValue);
            },
            Long::longValue,
            TINY,
            TINY);
    follow
        .as(StepVerifier::create)
        .as("the items before the failure, then the ones after it, each once")
        .expectNext(1L, 2L, 3L, 4L, 5L)
        .verifyComplete();
    assertThat(starts)
        .as("each attempt starts after the last item sent")
        .containsExactly(0L, 2L, 2L);
  }

  @Test
  void anyOtherErrorEndsTheStream() {
    ResumingFollow.<Long>of(
            7,
            after -> Flux.error(new NotFoundException("channel deleted")),
            Long::longValue,
            TINY,
            TINY)
        .as(StepVerifier::create)
        .as("not found is final")
        .verifyError(NotFoundException.class);
  }
}
