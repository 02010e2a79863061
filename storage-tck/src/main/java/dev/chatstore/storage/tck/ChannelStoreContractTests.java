package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The contract of {@link ChannelStore}: channels and memberships. */
public abstract class ChannelStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected ChannelStoreContractTests() {}

  private ChannelStore channels() {
    return storage().channels();
  }

  @Test
  void createStoresEveryFieldAndMakesTheCreatorOwner() {
    User creator = newUser();
    NewChannel input =
        new NewChannel(
            TestData.unique("Ch").toUpperCase(Locale.ROOT),
            "the topic",
            ChannelKind.ANNOUNCEMENT,
            Visibility.PRIVATE,
            "news",
            creator.id());
    Channel channel = await(channels().create(input));
    assertThat(channel.name()).isEqualTo(input.name()).isLowerCase();
    assertThat(channel.topic()).isEqualTo("the topic");
    assertThat(channel.kind()).isEqualTo(ChannelKind.ANNOUNCEMENT);
    assertThat(channel.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(channel.category()).isEqualTo("news");
    assertThat(channel.createdBy()).isEqualTo(creator.id());
    assertThat(channel.archived()).isFalse();
    assertThat(channel.lastSeq()).isZero();
    assertThat(channel.createdAt()).isEqualTo(clock.micros());
    assertThat(channel.updatedAt()).isEqualTo(channel.createdAt());
    assertThat(channel.version()).isEqualTo(1);

    channels().findById(channel.id()).as(StepVerifier::create).expectNext(channel).verifyComplete();
    channels()
        .findMember(channel.id(), creator.id())
        .as(StepVerifier::create)
        .assertNext(
            m -> {
              assertThat(m.role()).isEqualTo(Role.OWNER);
              assertThat(m.readSeq()).isZero();
              assertThat(m.joinedAt()).isEqualTo(clock.micros());
            })
        .verifyComplete();
  }

  @Test
  void createByAMissingCreatorIsAnInvalidArgument() {
    channels()
        .create(TestData.newChannel(UserId.generate()))
        .as(StepVerifier::create)
        .expectError(InvalidArgumentException.class)
        .verify();
  }

  @Test
  void createWithATakenNameIsADuplicateRegardlessOfCase() {
    Channel channel = newChannel();
    channels()
        .create(NewChannel.of(channel.name().toUpperCase(Locale.ROOT), channel.createdBy()))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.DUPLICATE_KEY))
        .verify();
  }

  @Test
  void findByNameIgnoresCase() {
    Channel channel = newChannel();
    channels()
        .findByName(channel.name().toUpperCase(Locale.ROOT))
        .as(StepVerifier::create)
        .expectNext(channel)
        .verifyComplete();
  }

  @Test
  void findsAreEmptyWhenNothingMatches() {
    channels().findById(ChannelId.generate()).as(StepVerifier::create).verifyComplete();
    channels().findByName(TestData.unique("none")).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void updateReplacesTheFieldsAndIncrementsTheVersion() {
    Channel channel = newChannel();
    Instant later = clock.advance(Duration.ofSeconds(90));
    String name = TestData.unique("renamed");
    ChannelUpdate update =
        ChannelUpdate.of(channel)
            .withName(name)
            .withTopic("")
            .withVisibility(Visibility.PRIVATE)
            .withCategory("ops");
    channels()
        .update(channel.id(), 1, update)
        .as(StepVerifier::create)
        .assertNext(
            c -> {
              assertThat(c.name()).isEqualTo(name);
              assertThat(c.topic()).isEmpty();
              assertThat(c.visibility()).isEqualTo(Visibility.PRIVATE);
              assertThat(c.category()).isEqualTo("ops");
              assertThat(c.kind()).isEqualTo(channel.kind());
              assertThat(c.createdBy()).isEqualTo(channel.createdBy());
              assertThat(c.createdAt()).isEqualTo(channel.createdAt());
              assertThat(c.updatedAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
              assertThat(c.version()).isEqualTo(2);
            })
        .verifyComplete();
    channels().findByName(name).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    channels().findByName(channel.name()).as(StepVerifier::create).as("old name").verifyComplete();
  }

  @Test
  void updateKeepingTheChannelsOwnNameIsNoDuplicate() {
    Channel channel = newChannel();
    channels()
        .update(
            channel.id(),
            1,
            ChannelUpdate.of(channel)
                .withName(channel.name().toUpperCase(Locale.ROOT))
                .withTopic("t"))
        .as(StepVerifier::create)
        .assertNext(
            c -> {
              assertThat(c.name()).isEqualTo(channel.name());
              assertThat(c.version()).isEqualTo(2);
            })
        .verifyComplete();
  }

  @Test
  void updateWithAStaleVersionIsAVersionMismatch() {
    Channel channel = newChannel();
    await(channels().update(channel.id(), 1, ChannelUpdate.of(channel).withTopic("second")));
    channels()
        .update(channel.id(), 1, ChannelUpdate.of(channel).withTopic("lost"))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.VERSION_MISMATCH))
        .verify();
    assertThat(await(channels().findById(channel.id())).topic()).isEqualTo("second");
  }

  @Test
  void updateOfAMissingChannelIsNotFound() {
    Channel template = newChannel();
    channels()
        .update(ChannelId.generate(), 1, ChannelUpdate.of(template).withName(TestData.unique("x")))
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void updateToATakenNameIsADuplicate() {
    Channel first = newChannel();
    Channel second = newChannel();
    channels()
        .update(second.id(), 1, ChannelUpdate.of(second).withName(first.name()))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(Reason.DUPLICATE_KEY))
        .verify();
  }

  @Test
  void archiveAndUnarchiveAreIdempotent() {
    Channel channel = newChannel();
    channels()
        .archive(channel.id())
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.archived()).isTrue())
        .verifyComplete();
    channels()
        .archive(channel.id())
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.archived()).isTrue())
        .verifyComplete();
    assertThat(await(channels().findById(channel.id())).archived()).isTrue();
    channels()
        .unarchive(channel.id())
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.archived()).isFalse())
        .verifyComplete();
    channels()
        .unarchive(channel.id())
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.archived()).isFalse())
        .verifyComplete();
    assertThat(await(channels().findById(channel.id())).archived()).isFalse();
  }

  @Test
  void archiveAndUnarchiveOfAMissingChannelAreNotFound() {
    channels()
        .archive(ChannelId.generate())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    channels()
        .unarchive(ChannelId.generate())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void deleteRemovesTheChannelWithItsMembershipsAndMessages() {
    Channel channel = newChannel();
    Message message = post(channel, "bye");
    channels().delete(channel.id()).as(StepVerifier::create).verifyComplete();
    channels().findById(channel.id()).as(StepVerifier::create).verifyComplete();
    channels().findByName(channel.name()).as(StepVerifier::create).verifyComplete();
    channels()
        .findMember(channel.id(), channel.createdBy())
        .as(StepVerifier::create)
        .verifyComplete();
    storage().messages().findById(message.id()).as(StepVerifier::create).verifyComplete();
    channels()
        .pageMemberships(channel.createdBy(), null, 10)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void deleteOfAMissingChannelIsNotFound() {
    channels()
        .delete(ChannelId.generate())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
  }

  @Test
  void pageWalksChannelsInNameOrderAcrossPageBoundaries() {
    User owner = newUser();
    String prefix = "p" + TestData.token(10);
    List<String> names = new ArrayList<>();
    for (String suffix : List.of("e", "a", "d", "b", "c")) {
      names.add(prefix + "-" + suffix);
      await(channels().create(NewChannel.of(prefix + "-" + suffix, owner.id())));
    }
    names.sort(null);
    List<String> seen = new ArrayList<>();
    String after = prefix;
    for (int pages = 0; pages < 10 && seen.size() < names.size(); pages++) {
      List<Channel> page = awaitAll(channels().page(after, 2));
      assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo(2);
      page.forEach(c -> seen.add(c.name()));
      after = page.get(page.size() - 1).name();
    }
    assertThat(seen.subList(0, names.size())).containsExactlyElementsOf(names);
    channels()
        .page(prefix, 1)
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.name()).isEqualTo(names.get(0)))
        .verifyComplete();
    assertThat(awaitAll(channels().page(null, 500)))
        .hasSizeLessThanOrEqualTo(500)
        .isSortedAccordingTo(Comparator.comparing(Channel::name));
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
    channels()
        .putMember(ChannelId.generate(), user.id(), Role.MEMBER)
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    channels()
        .putMember(channel.id(), UserId.generate(), Role.MEMBER)
        .as(StepVerifier::create)
        .expectError(InvalidArgumentException.class)
        .verify();
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
        .expectError(NotFoundException.class)
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
    assertThatThrownBy(() -> channels().page(null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> channels().pageMembers(ChannelId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> channels().pageMemberships(UserId.generate(), null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
    UserId u = UserId.generate();
    assertThatThrownBy(() -> channels().create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channel");
    assertThatThrownBy(() -> channels().findById(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> channels().findByName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(
            () -> channels().update(null, 1, new ChannelUpdate("x", "", Visibility.PUBLIC, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> channels().update(c, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("update");
    assertThatThrownBy(
            () -> channels().update(c, 0, new ChannelUpdate("x", "", Visibility.PUBLIC, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
    assertThatThrownBy(() -> channels().archive(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> channels().unarchive(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> channels().delete(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
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
    User owner = newUser();
    NewChannel input = TestData.newChannel(owner.id());
    Mono<Channel> create = channels().create(input);
    channels().findByName(input.name()).as(StepVerifier::create).verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    create
        .as(StepVerifier::create)
        .as("the second subscription creates again and collides")
        .expectErrorMatches(conflict(Reason.DUPLICATE_KEY))
        .verify();
  }
}
