package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.UserId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class AbstractReadStateStoreTests {

  @Test
  void aReadPositionNeverMovesBackNorPastTheLastPosition() {
    assertThat(AbstractReadStateStore.clamp(3, 4, 5)).isEqualTo(4);
    assertThat(AbstractReadStateStore.clamp(3, 1, 5)).as("never back").isEqualTo(3);
    assertThat(AbstractReadStateStore.clamp(3, 0, 5)).isEqualTo(3);
    assertThat(AbstractReadStateStore.clamp(3, 99, 5)).as("never past the end").isEqualTo(5);
    assertThat(AbstractReadStateStore.clamp(0, 7, 0)).as("empty channel").isZero();
  }

  @Test
  void aNonMembersReadStateIsNotFoundWithOneText() {
    ChannelId channel = ChannelId.generate();
    UserId user = UserId.generate();
    Stub store = new Stub(null);
    String text = "user " + user + " is not a member of channel " + channel;
    store
        .markRead(channel, user, 1)
        .as(StepVerifier::create)
        .expectErrorMatches(e -> e instanceof NotFoundException && text.equals(e.getMessage()))
        .verify();
    store
        .unreadCount(channel, user)
        .as(StepVerifier::create)
        .expectErrorMatches(e -> e instanceof NotFoundException && text.equals(e.getMessage()))
        .verify();
  }

  @Test
  void theUnreadCountIsTheLastPositionMinusTheReadPosition() {
    ChannelId channel = ChannelId.generate();
    Stub store = new Stub(new UnreadCount(channel, 9, 4));
    store
        .unreadCount(channel, UserId.generate())
        .as(StepVerifier::create)
        .expectNext(5L)
        .verifyComplete();
  }

  /** Hooks over one fixed read state, applying the clamp as a backend would. */
  private static final class Stub extends AbstractReadStateStore {
    private final @Nullable UnreadCount state;

    Stub(@Nullable UnreadCount state) {
      this.state = state;
    }

    @Override
    protected Mono<Long> advanceReadSeq(ChannelId channel, UserId user, long seq) {
      return Mono.justOrEmpty(state).map(s -> clamp(s.readSeq(), seq, s.lastSeq()));
    }

    @Override
    protected Mono<UnreadCount> selectReadState(ChannelId channel, UserId user) {
      return Mono.justOrEmpty(state);
    }

    @Override
    protected Flux<UnreadCount> selectUnreadCounts(UserId user) {
      return Flux.empty();
    }

    @Override
    protected Flux<Membership> selectReadReceipts(
        ChannelId channel, long seq, @Nullable UserId afterUser, int limit) {
      return Flux.empty();
    }
  }
}
