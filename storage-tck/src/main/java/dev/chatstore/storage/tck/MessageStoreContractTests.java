package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The general contract of {@link MessageStore}: the latest position, argument checks at call time
 * and laziness. Posts are in {@link MessagePostContractTests}, changes in {@link
 * MessageEditContractTests}, history in {@link MessageHistoryContractTests} and {@link
 * MessageFollowContractTests}, read state in {@link ReadStateContractTests}.
 */
public abstract class MessageStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MessageStoreContractTests() {}

  private MessageStore messages() {
    return storage().messages();
  }

  @Test
  void latestSeqIsZeroForAnEmptyChannelAndNotFoundForAMissingOne() {
    Channel channel = newChannel();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(0L).verifyComplete();
    ChannelId missing = ChannelId.generate();
    messages()
        .latestSeq(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
  }

  @Test
  void nullAndOutOfRangeArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
    MessageId m = MessageId.generate();
    assertThatThrownBy(() -> messages().post(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("message");
    assertThatThrownBy(() -> messages().findById(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().edit(null, 1, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().edit(m, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 1, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 1, "x".repeat(NewMessage.MAX_BODY + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> messages().edit(m, 0, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> messages().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().purge(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> messages().page(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> messages().stream(null, 0, Direction.FORWARD))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().stream(c, -1, Direction.FORWARD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> messages().stream(c, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("direction");
    assertThatThrownBy(() -> messages().follow(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> messages().follow(c, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after");
    assertThatThrownBy(() -> messages().latestSeq(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1})
  void aHistoryQueryRejectsALimitOutOfRange(int limit) {
    assertThatThrownBy(() -> HistoryQuery.after(ChannelId.generate(), 0, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void nothingHappensBeforeSubscription() {
    Channel channel = newChannel();
    Message message = post(channel, "keep");
    Mono<PostResult> post =
        messages().post(NewMessage.of(channel.id(), channel.createdBy(), "unsent"));
    Mono<Message> edit = messages().edit(message.id(), 1, "unsent edit");
    Mono<Message> delete = messages().delete(message.id());
    Mono<Void> purge = messages().purge(message.id());
    Mono<Long> read = storage().readState().markRead(channel.id(), channel.createdBy(), 1);
    assertThat(List.of(post, edit, delete, purge, read)).hasSize(5);
    messages().findById(message.id()).as(StepVerifier::create).expectNext(message).verifyComplete();
    messages().latestSeq(channel.id()).as(StepVerifier::create).expectNext(1L).verifyComplete();
    storage()
        .readState()
        .unreadCount(channel.id(), channel.createdBy())
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }
}
