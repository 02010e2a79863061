package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The last-owner rule of {@link ChannelStore}: a channel keeps at least one owner. Demoting or
 * removing its last owner is a {@link ConflictException.Reason#STATE} conflict on the field {@code
 * role}, decided atomically in the write itself, so that two owners stepping down at the same time
 * cannot both succeed.
 */
public abstract class LastOwnerContractTests extends StorageContractSupport {

  /** How many times each race is run, each on a fresh channel. */
  private static final int ROUNDS = 8;

  /** For subclasses. */
  protected LastOwnerContractTests() {}

  private ChannelStore channels() {
    return storage().channels();
  }

  /** How an owner steps down. */
  enum StepDown {
    /** Takes a lower role. */
    DEMOTE,
    /** Leaves the channel. */
    LEAVE
  }

  /** Two owners stepping down at once, each in its own way. */
  enum Race {
    BOTH_DEMOTE(StepDown.DEMOTE, StepDown.DEMOTE),
    BOTH_LEAVE(StepDown.LEAVE, StepDown.LEAVE),
    ONE_DEMOTES_ONE_LEAVES(StepDown.DEMOTE, StepDown.LEAVE);

    final StepDown first;
    final StepDown second;

    Race(StepDown first, StepDown second) {
      this.first = first;
      this.second = second;
    }
  }

  private static Predicate<Throwable> lastOwner(ChannelId channel) {
    return e ->
        e instanceof ConflictException c
            && c.reason() == ConflictException.Reason.STATE
            && c.field().filter("role"::equals).isPresent()
            && ("channel " + channel + " must keep at least one owner").equals(c.getMessage());
  }

  private Mono<Void> stepDown(ChannelId channel, UserId owner, StepDown how) {
    return how == StepDown.DEMOTE
        ? channels().putMember(channel, owner, Role.ADMIN).then()
        : channels().removeMember(channel, owner);
  }

  private List<Membership> owners(ChannelId channel) {
    return awaitAll(channels().pageMembers(channel, null, 500).filter(m -> m.role() == Role.OWNER));
  }

  @Test
  void theLastOwnerCanNeitherStepDownNorLeave() {
    Channel channel = newChannel();
    UserId owner = channel.createdBy();
    for (Role lower : List.of(Role.ADMIN, Role.MODERATOR, Role.MEMBER, Role.GUEST)) {
      channels()
          .putMember(channel.id(), owner, lower)
          .as(StepVerifier::create)
          .as("demoting the last owner to " + lower)
          .expectErrorMatches(lastOwner(channel.id()))
          .verify();
    }
    channels()
        .removeMember(channel.id(), owner)
        .as(StepVerifier::create)
        .expectErrorMatches(lastOwner(channel.id()))
        .verify();
    assertThat(owners(channel.id()))
        .as("nothing changed")
        .singleElement()
        .satisfies(m -> assertThat(m.userId()).isEqualTo(owner));
  }

  @Test
  void theLastOwnerMayStayOwner() {
    Channel channel = newChannel();
    channels()
        .putMember(channel.id(), channel.createdBy(), Role.OWNER)
        .as(StepVerifier::create)
        .assertNext(m -> assertThat(m.role()).isEqualTo(Role.OWNER))
        .verifyComplete();
  }

  @Test
  void anOwnerMayStepDownWhileAnotherRemainsAndThenTheOtherMayNot() {
    Channel channel = newChannel();
    UserId first = channel.createdBy();
    UserId second = newUser().id();
    await(channels().putMember(channel.id(), second, Role.OWNER));
    channels()
        .putMember(channel.id(), first, Role.MEMBER)
        .as(StepVerifier::create)
        .assertNext(m -> assertThat(m.role()).isEqualTo(Role.MEMBER))
        .verifyComplete();
    channels()
        .removeMember(channel.id(), second)
        .as(StepVerifier::create)
        .expectErrorMatches(lastOwner(channel.id()))
        .verify();
    channels()
        .putMember(channel.id(), second, Role.ADMIN)
        .as(StepVerifier::create)
        .expectErrorMatches(lastOwner(channel.id()))
        .verify();
    await(channels().putMember(channel.id(), first, Role.OWNER));
    channels()
        .removeMember(channel.id(), second)
        .as(StepVerifier::create)
        .as("with an owner again, the other may leave")
        .verifyComplete();
    assertThat(owners(channel.id())).extracting(Membership::userId).containsExactly(first);
  }

  @Test
  void membersWhoAreNotOwnersComeAndGoFreely() {
    Channel channel = newChannel();
    User admin = newUser();
    await(channels().putMember(channel.id(), admin.id(), Role.ADMIN));
    await(channels().putMember(channel.id(), admin.id(), Role.GUEST));
    channels().removeMember(channel.id(), admin.id()).as(StepVerifier::create).verifyComplete();
    assertThat(owners(channel.id())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Race.class)
  void twoOwnersSteppingDownAtOnceLeaveExactlyOneOwner(Race race) {
    for (int round = 0; round < ROUNDS; round++) {
      Channel channel = newChannel();
      UserId first = channel.createdBy();
      UserId second = newUser().id();
      await(channels().putMember(channel.id(), second, Role.OWNER));

      List<Boolean> succeeded =
          awaitAll(
              Flux.merge(
                  attempt(channel.id(), first, race.first),
                  attempt(channel.id(), second, race.second)));

      assertThat(succeeded)
          .as("round %d: exactly one of the two steps down", round)
          .containsExactlyInAnyOrder(true, false);
      List<Membership> owners = owners(channel.id());
      assertThat(owners).as("round %d: the channel keeps one owner", round).hasSize(1);
      assertThat(owners.get(0).userId()).isIn(first, second);
    }
  }

  /** Steps down on its own thread: emits true when it succeeded, false when refused. */
  private Mono<Boolean> attempt(ChannelId channel, UserId owner, StepDown how) {
    return stepDown(channel, owner, how)
        .thenReturn(true)
        .onErrorResume(lastOwner(channel), e -> Mono.just(false))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
