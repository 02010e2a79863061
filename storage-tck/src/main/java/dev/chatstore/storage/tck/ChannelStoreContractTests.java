package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.ConflictException.Reason;
import dev.chatstore.storage.InvalidArgumentException;
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

/**
 * The contract of {@link ChannelStore}: channels (memberships: {@link MembershipContractTests}).
 */
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
  void createByAMissingCreatorIsAnInvalidArgumentAndStoresNothing() {
    UserId missing = UserId.generate();
    channels()
        .create(TestData.newChannel(missing))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + missing + " does not exist"))
        .verify();
    channels()
        .findByName(TestData.newChannel(missing).name())
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void createWithATakenNameIsADuplicateRegardlessOfCase() {
    Channel channel = newChannel();
    channels()
        .create(NewChannel.of(channel.name().toUpperCase(Locale.ROOT), channel.createdBy()))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("name"))
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
        .expectErrorMatches(
            conflict(Reason.VERSION_MISMATCH)
                .and(
                    failure(
                        ConflictException.class,
                        "channel " + channel.id() + " is at version 2, not 1")))
        .verify();
    channels()
        .update(channel.id(), 7, ChannelUpdate.of(channel).withTopic("lost"))
        .as(StepVerifier::create)
        .as("a version from the future is a mismatch too")
        .expectErrorMatches(
            failure(ConflictException.class, "channel " + channel.id() + " is at version 2, not 7"))
        .verify();
    assertThat(await(channels().findById(channel.id())).topic()).isEqualTo("second");
  }

  @Test
  void updateOfAMissingChannelIsNotFound() {
    Channel template = newChannel();
    ChannelId missing = ChannelId.generate();
    channels()
        .update(missing, 1, ChannelUpdate.of(template).withName(TestData.unique("x")))
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
  }

  @Test
  void updateToATakenNameIsADuplicate() {
    Channel first = newChannel();
    Channel second = newChannel();
    channels()
        .update(second.id(), 1, ChannelUpdate.of(second).withName(first.name()))
        .as(StepVerifier::create)
        .expectErrorMatches(duplicate("name"))
        .verify();
    assertThat(await(channels().findById(second.id()))).as("unchanged").isEqualTo(second);
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
    ChannelId missing = ChannelId.generate();
    channels()
        .archive(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
    channels()
        .unarchive(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
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
    ChannelId missing = ChannelId.generate();
    channels()
        .delete(missing)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
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

  @ParameterizedTest
  @ValueSource(ints = {0, 501, -1})
  void pageRejectsALimitOutOfRangeAtCallTime(int limit) {
    assertThatThrownBy(() -> channels().page(null, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 500, got " + limit);
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    ChannelId c = ChannelId.generate();
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
        .expectErrorMatches(duplicate("name"))
        .verify();
  }
}
