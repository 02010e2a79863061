package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UnreadCount;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Read state: {@link MessageStore#markRead} only moves forward, the unread counts of all of a
 * user's channels come from one query, and read receipts are paged.
 */
public abstract class ReadStateContractTests extends StorageContractSupport {

  /** The operation a backend reports once per {@link MessageStore#unreadCounts} round trip. */
  public static final String UNREAD_COUNTS = "MessageStore.unreadCounts";

  /** For subclasses. */
  protected ReadStateContractTests() {}

  private MessageStore messages() {
    return storage().messages();
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
    messages()
        .markRead(channel.id(), user.id(), 3)
        .as(StepVerifier::create)
        .expectNext(3L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), user.id(), 1)
        .as(StepVerifier::create)
        .as("never back")
        .expectNext(3L)
        .verifyComplete();
    messages()
        .markRead(channel.id(), user.id(), 99)
        .as(StepVerifier::create)
        .as("never past the last position")
        .expectNext(5L)
        .verifyComplete();
    messages()
        .unreadCount(channel.id(), user.id())
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
    messages()
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
        await(messages().markRead(channel.id(), user.id(), i));
      }
      channels.add(channel);
    }
    List<UnreadCount> expected = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      expected.add(new UnreadCount(channels.get(i).id(), i * 2L, i == 0 ? 0 : i));
    }
    expected.sort(Comparator.comparing(UnreadCount::channelId));
    long before = observer.count(UNREAD_COUNTS);
    List<UnreadCount> counts = awaitAll(messages().unreadCounts(user.id()));
    assertThat(observer.count(UNREAD_COUNTS) - before).as("one query").isEqualTo(1);
    assertThat(counts).as("channel-id order").isEqualTo(expected);
    assertThat(counts.stream().mapToLong(UnreadCount::unread).sum()).isEqualTo(0 + 1 + 2 + 3);
  }

  @Test
  void unreadCountsOfAUserWithoutMembershipsAreEmpty() {
    messages().unreadCounts(newUser().id()).as(StepVerifier::create).verifyComplete();
    messages().unreadCounts(UserId.generate()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void readReceiptsListTheMembersWhoReadUpToAPositionInPages() {
    Channel channel = newChannel();
    postMany(channel, 5);
    List<UserId> readers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      User user = member(channel);
      long upTo = i % 3 == 0 ? 2 : 4 + (i % 2);
      await(messages().markRead(channel.id(), user.id(), upTo));
      if (upTo >= 4) {
        readers.add(user.id());
      }
    }
    readers.sort(Comparator.naturalOrder());
    List<Membership> pages = new ArrayList<>();
    UserId after = null;
    for (int round = 0; round < 10; round++) {
      List<Membership> page = awaitAll(messages().readReceipts(channel.id(), 4, after, 2));
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
    messages()
        .readReceipts(channel.id(), 6, null, 10)
        .as(StepVerifier::create)
        .as("nobody read past the end")
        .verifyComplete();
    messages()
        .readReceipts(ChannelId.generate(), 0, null, 10)
        .as(StepVerifier::create)
        .verifyComplete();
  }
}
