package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Read state: {@link ReadStateStore#markRead} only moves forward and never past the channel's last
 * position, the unread counts of all of a user's channels come from one query, read receipts are
 * paged, and a non-member's read state is not found.
 */
public abstract class ReadStateContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected ReadStateContractTests() {}

  /** The operation a backend reports once per {@link ReadStateStore#unreadCounts} round trip. */
  public static final String UNREAD_COUNTS = "ReadStateStore.unreadCounts";

  private ReadStateStore readState() {
    return storage().readState();
  }

  private static Predicate<Throwable> notAMember(UserId user, ChannelId channel) {
    return failure(
        NotFoundException.class, "user " + user + " is not a member of channel " + channel);
  }

  private User member(Channel channel) {
    User user = newUser();
    await(storage().channels().putMember(channel.id(), user.id(), Role.MEMBER));
    return user;
  }

  @Test
  void markReadOnlyMovesForwardAndNeverPastTheEnd() {
    Channel channel = newChannel();
    postMany(channel, 5);
    User user = member(channel);
    readState()
        .markRead(channel.id(), user.id(), 3)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), user.id(), 1)
        .as(StepVerifier::create)
        .as("never back")
        .expectNext(3L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), user.id(), 99)
        .as(StepVerifier::create)
        .as("never past the last position")
        .expectNext(5L)
        .verifyComplete();
    readState()
        .unreadCount(channel.id(), user.id())
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), newUser().id(), 1)
        .as(StepVerifier::create)
        .as("not a member")
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void unreadCountsOfEveryChannelOfAUserComeFromOneQuery() {
    User user = newUser();
    List<Channel> channels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Channel channel = newChannel();
      await(storage().channels().putMember(channel.id(), user.id(), Role.MEMBER));
      postMany(channel, i * 2);
      if (i > 0) {
        await(readState().markRead(channel.id(), user.id(), i));
      }
      channels.add(channel);
    }
    List<UnreadCount> expected = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      expected.add(new UnreadCount(channels.get(i).id(), i * 2L, i == 0 ? 0 : i));
    }
    expected.sort(Comparator.comparing(UnreadCount::channelId));
    long before = observer.count(UNREAD_COUNTS);
    List<UnreadCount> counts = awaitAll(readState().unreadCounts(user.id()));
    assertThat(observer.count(UNREAD_COUNTS) - before).as("one query").isEqualTo(1);
    assertThat(counts).as("channel-id order").isEqualTo(expected);
    assertThat(counts.stream().mapToLong(UnreadCount::unread).sum()).isEqualTo(0 + 1 + 2 + 3);
  }

  @Test
  void unreadCountsOfAUserWithoutMembershipsAreEmpty() {
    readState().unreadCounts(newUser().id()).as(StepVerifier::create).verifyComplete();
    readState().unreadCounts(UserId.generate()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void readReceiptsListTheMembersWhoReadUpToAPositionInPages() {
    Channel channel = newChannel();
    postMany(channel, 5);
    List<UserId> readers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      User user = member(channel);
      long upTo = i % 3 == 0 ? 2 : 4 + (i % 2);
      await(readState().markRead(channel.id(), user.id(), upTo));
      if (upTo >= 4) {
        readers.add(user.id());
      }
    }
    readers.sort(Comparator.naturalOrder());
    List<Membership> pages = new ArrayList<>();
    UserId after = null;
    for (int round = 0; round < 10; round++) {
      List<Membership> page = awaitAll(readState().readReceipts(channel.id(), 4, after, 2));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(2);
      pages.addAll(page);
      after = page.get(page.size() - 1).userId();
    }
    assertThat(pages.stream().map(Membership::userId).toList())
        .as("user-id order, no duplicates, no gaps")
        .isEqualTo(readers);
    assertThat(pages).allSatisfy(m -> assertThat(m.readSeq()).isGreaterThanOrEqualTo(4));
    readState()
        .readReceipts(channel.id(), 6, null, 10)
        .as(StepVerifier::create)
        .as("nobody read past the end")
        .verifyComplete();
    readState()
        .readReceipts(ChannelId.generate(), 0, null, 10)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void markReadOnlyMovesForwardAndNeverPastTheLastPosition() {
    Channel channel = newChannel();
    postMany(channel, 5);
    UserId owner = channel.createdBy();
    readState()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(5L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), owner, 3)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    readState()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(2L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), owner, 1)
        .as(StepVerifier::create)
        .as("never back")
        .expectNext(3L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), owner, 0)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    readState()
        .markRead(channel.id(), owner, 99)
        .as(StepVerifier::create)
        .as("capped")
        .expectNext(5L)
        .verifyComplete();
    readState()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
    assertThat(await(storage().channels().findMember(channel.id(), owner)).readSeq()).isEqualTo(5);
    post(channel, "new");
    readState()
        .unreadCount(channel.id(), owner)
        .as(StepVerifier::create)
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void readStateOfANonMemberIsNotFound() {
    Channel channel = newChannel();
    User stranger = newUser();
    readState()
        .markRead(channel.id(), stranger.id(), 1)
        .as(StepVerifier::create)
        .expectErrorMatches(notAMember(stranger.id(), channel.id()))
        .verify();
    readState()
        .unreadCount(channel.id(), stranger.id())
        .as(StepVerifier::create)
        .expectErrorMatches(notAMember(stranger.id(), channel.id()))
        .verify();
    ChannelId missing = ChannelId.generate();
    readState()
        .unreadCount(missing, stranger.id())
        .as(StepVerifier::create)
        .expectErrorMatches(notAMember(stranger.id(), missing))
        .verify();
    readState()
        .markRead(missing, stranger.id(), 0)
        .as(StepVerifier::create)
        .expectErrorMatches(notAMember(stranger.id(), missing))
        .verify();
  }

  @Test
  void nullAndOutOfRangeArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
    UserId u = UserId.generate();
    assertThatThrownBy(() -> readState().markRead(null, u, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> readState().markRead(c, null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> readState().markRead(c, u, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> readState().unreadCount(null, u))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> readState().unreadCount(c, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> readState().unreadCounts(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> readState().readReceipts(null, 0, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> readState().readReceipts(c, -1, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seq");
    assertThatThrownBy(() -> readState().readReceipts(c, 0, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }
}
