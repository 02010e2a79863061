package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Edit history: {@link MessageStore#edits}. */
public abstract class EditHistoryContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected EditHistoryContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  @Test
  void editsKeepThePreviousBodiesWithEditorAndTime() {
    Channel channel = newChannel();
    Message message = post(channel, "v1");
    UserId moderator = newUser().id();
    Instant first = clock.advance(Duration.ofSeconds(10));
    await(messages().edit(message.id(), 1, "v2").contextWrite(Actor.of(moderator)));
    Instant second = clock.advance(Duration.ofSeconds(10));
    Message last = await(messages().edit(message.id(), 2, "v3"));
    assertThat(last.body()).isEqualTo("v3");
    messages()
        .edits(message.id(), 0, 10)
        .as(StepVerifier::create)
        .expectNext(
            new MessageEdit(message.id(), 1, "v1", moderator, first),
            new MessageEdit(message.id(), 2, "v2", message.authorId(), second))
        .as("the author when no actor is given")
        .verifyComplete();
  }

  @Test
  void editsArePagedByVersion() {
    Message message = post(newChannel(), "v1");
    for (int v = 1; v <= 5; v++) {
      await(messages().edit(message.id(), v, "v" + (v + 1)));
    }
    List<MessageEdit> pages = new ArrayList<>();
    long after = 0;
    for (int round = 0; round < 10; round++) {
      List<MessageEdit> page = awaitAll(messages().edits(message.id(), after, 2));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(2);
      pages.addAll(page);
      after = page.get(page.size() - 1).version();
    }
    assertThat(pages.stream().map(MessageEdit::body).toList())
        .containsExactly("v1", "v2", "v3", "v4", "v5");
    assertThat(pages.stream().map(MessageEdit::version).toList())
        .containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aFailedEditKeepsNoHistory() {
    Message message = post(newChannel(), "v1");
    messages()
        .edit(message.id(), 3, "nope")
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(ConflictException.Reason.VERSION_MISMATCH))
        .verify();
    messages().edits(message.id(), 0, 10).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void deletingOrPurgingAMessageDropsItsHistory() {
    Channel channel = newChannel();
    Message deleted = post(channel, "v1");
    Message purged = post(channel, "v1");
    await(messages().edit(deleted.id(), 1, "v2"));
    await(messages().edit(purged.id(), 1, "v2"));
    await(messages().delete(deleted.id()));
    await(messages().purge(purged.id()).thenReturn(1));
    messages().edits(deleted.id(), 0, 10).as(StepVerifier::create).verifyComplete();
    messages().edits(purged.id(), 0, 10).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void aMessageNeverEditedOrUnknownHasNoHistory() {
    Message message = post(newChannel(), "v1");
    messages().edits(message.id(), 0, 10).as(StepVerifier::create).verifyComplete();
    messages().edits(MessageId.generate(), 0, 10).as(StepVerifier::create).verifyComplete();
  }
}
