package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract of {@link ChannelStore}'s memberships: adding, changing, finding, removing and
 * paging members (the last-owner rule: {@link LastOwnerContractTests}).
 */
public abstract class MembershipContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected MembershipContractTests() {}

  private ChannelStore channels() {
    return storage().channels();
  }

  @Test
  void putMemberAddsAMemberAndChangesARoleKeepingTheReadPosition() {
    Channel channel = newChannel();
    post(channel, "one");
    post(channel, "two");
    User user = newUser();
    channels()
        .putMember(channel.id(), user.id(), Role.GUEST)
        .as(StepVerifier::create)
        .assertNext(
            m -> {
              assertThat(m.channelId()).isEqualTo(channel.id());
              assertThat(m.userId()).isEqualTo(user.id());
              assertThat(m.role()).isEqualTo(Role.GUEST);
              assertThat(m.readSeq()).isZero();
              assertThat(m.joinedAt()).isEqualTo(clock.micros());
            })
        .verifyComplete();
    await(storage().readState().markRead(channel.id(), user.id(), 2));
    clock.advance(Duration.ofHours(1));
    channels()
        .putMember(channel.id(), user.id(), Role.ADMIN)
        .as(StepVerifier::create)
        .assertNext(
            m -> {
              assertThat(m.role()).isEqualTo(Role.ADMIN);
              assertThat(m.readSeq()).as("kept").isEqualTo(2);
              assertThat(m.joinedAt()).as("kept").isEqualTo(START.truncatedTo(ChronoUnit.MICROS));
            })
        .verifyComplete();
    assertThat(await(channels().findMember(channel.id(), user.id())).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void putMemberOfAMissingChannelIsNotFoundAndOfAMissingUserAnInvalidArgument() {
    User user = newUser();
    Channel channel = newChannel();
    ChannelId noChannel = ChannelId.generate();
    UserId noUser = UserId.generate();
    channels()
        .putMember(noChannel, user.id(), Role.MEMBER)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + noChannel + " not found"))
        .verify();
    channels()
        .putMember(channel.id(), noUser, Role.MEMBER)
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + noUser + " does not exist"))
        .verify();
    channels()
        .putMember(noChannel, noUser, Role.MEMBER)
        .as(StepVerifier::create)
        .as("the channel is checked first")
        .expectErrorMatches(failure(NotFoundException.class, "channel " + noChannel + " not found"))
        .verify();
    channels().findMember(channel.id(), noUser).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void findMemberIsEmptyForANonMember() {
    Channel channel = newChannel();
    User user = newUser();
    channels().findMember(channel.id(), user.id()).as(StepVerifier::create).verifyComplete();
    channels()
        .findMember(ChannelId.generate(), user.id())
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void removeMemberRemovesAndANonMemberIsNotFound() {
    Channel channel = newChannel();
    User user = newUser();
    await(channels().putMember(channel.id(), user.id(), Role.MEMBER));
    channels().removeMember(channel.id(), user.id()).as(StepVerifier::create).verifyComplete();
    channels().findMember(channel.id(), user.id()).as(StepVerifier::create).verifyComplete();
    channels()
        .removeMember(channel.id(), user.id())
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(
                NotFoundException.class,
                "user " + user.id() + " is not a member of channel " + channel.id()))
        .verify();
    ChannelId missing = ChannelId.generate();
    channels()
        .removeMember(missing, user.id())
        .as(StepVerifier::create)
        .as("no channel, so no membership")
        .expectErrorMatches(
            failure(
                NotFoundException.class,
                "user " + user.id() + " is not a member of channel " + missing))
        .verify();
  }

  @Test
  void pageMembersWalksMembersInUserIdOrderAcrossPageBoundaries() {
    Channel channel = newChannel();
    List<UserId> expected = new ArrayList<>();
    expected.add(channel.createdBy());
    for (int i = 0; i < 6; i++) {
      User user = newUser();
      await(channels().putMember(channel.id(), user.id(), Role.MEMBER));
      expected.add(user.id());
    }
    expected.sort(null);
    List<UserId> seen = new ArrayList<>();
    UserId after = null;
    for (int pages = 0; pages < 10; pages++) {
      List<Membership> page = awaitAll(channels().pageMembers(channel.id(), after, 3));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page)
          .hasSizeLessThanOrEqualTo(3)
          .allMatch(m -> m.channelId().equals(channel.id()));
      page.forEach(m -> seen.add(m.userId()));
      after = page.get(page.size() - 1).userId();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(awaitAll(channels().pageMembers(channel.id(), null, 500))).hasSize(7);
    channels()
        .pageMembers(ChannelId.generate(), null, 10)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void pageMembershipsWalksAUsersChannelsInChannelIdOrder() {
    User user = newUser();
    List<ChannelId> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Channel channel = newChannel();
      await(channels().putMember(channel.id(), user.id(), Role.MEMBER));
      expected.add(channel.id());
    }
    expected.sort(null);
    List<ChannelId> seen = new ArrayList<>();
    ChannelId after = null;
    for (int pages = 0; pages < 10; pages++) {
      List<Membership> page = awaitAll(channels().pageMemberships(user.id(), after, 2));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page).hasSizeLessThanOrEqualTo(2).allMatch(m -> m.userId().equals(user.id()));
      page.forEach(m -> seen.add(m.channelId()));
      after = page.get(page.size() - 1).channelId();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    channels()
        .pageMemberships(UserId.generate(), null, 1)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1})
  void pagesRejectALimitOutOfRangeAtCallTime(int limit) {
    assertThatThrownBy(() -> channels().pageMembers(ChannelId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 500, got " + limit);
    assertThatThrownBy(() -> channels().pageMemberships(UserId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 500, got " + limit);
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
    UserId u = UserId.generate();
    assertThatThrownBy(() -> channels().putMember(null, u, Role.MEMBER))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> channels().putMember(c, null, Role.MEMBER))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> channels().putMember(c, u, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("role");
    assertThatThrownBy(() -> channels().findMember(null, u))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> channels().findMember(c, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> channels().removeMember(null, u))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> channels().removeMember(c, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> channels().pageMembers(null, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> channels().pageMemberships(null, null, 10))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
  }

  @Test
  void nothingHappensBeforeSubscriptionAndResubscribingRepeats() {
    Channel channel = newChannel();
    User user = newUser();
    Mono<Membership> put = channels().putMember(channel.id(), user.id(), Role.MEMBER);
    Mono<Void> remove = channels().removeMember(channel.id(), user.id());
    channels().findMember(channel.id(), user.id()).as(StepVerifier::create).verifyComplete();
    put.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    remove.as(StepVerifier::create).verifyComplete();
    put.as(StepVerifier::create).as("adds again").expectNextCount(1).verifyComplete();
    remove.as(StepVerifier::create).as("removes again").verifyComplete();
    remove
        .as(StepVerifier::create)
        .as("then there is nothing to remove")
        .expectError(NotFoundException.class)
        .verify();
  }
}
