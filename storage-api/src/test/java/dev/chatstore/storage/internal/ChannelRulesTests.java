package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

class ChannelRulesTests {

  private static final Instant NOW = Instant.parse("2031-05-06T07:08:09.123456Z");
  private final ChannelId channel = ChannelId.generate();
  private final UserId user = UserId.generate();
  private final UserId actor = UserId.generate();

  @Test
  void aCreatedChannelStartsEmptyAtVersionOneAndItsCreatorIsOwner() {
    UserId creator = UserId.generate();
    Channel c =
        ChannelRules.created(
            new NewChannel("General", "t", ChannelKind.TEXT, Visibility.PRIVATE, "c", creator),
            NOW);
    assertThat(c.name()).isEqualTo("general");
    assertThat(c.version()).isEqualTo(1);
    assertThat(c.lastSeq()).isZero();
    assertThat(c.archived()).isFalse();
    assertThat(c.createdAt()).isEqualTo(NOW).isEqualTo(c.updatedAt());
    Membership owner = ChannelRules.owner(c);
    assertThat(owner).isEqualTo(new Membership(c.id(), creator, Role.OWNER, 0, NOW));
  }

  @Test
  void theLastOwnerCanNeitherStepDownNorLeave() {
    assertThat(ChannelRules.leavesNoOwner(Role.OWNER, Role.ADMIN, 1)).isTrue();
    assertThat(ChannelRules.leavesNoOwner(Role.OWNER, null, 1)).isTrue();
    assertThat(ChannelRules.leavesNoOwner(Role.OWNER, Role.OWNER, 1)).as("stays owner").isFalse();
    assertThat(ChannelRules.leavesNoOwner(Role.OWNER, Role.MEMBER, 2))
        .as("another owner")
        .isFalse();
    assertThat(ChannelRules.leavesNoOwner(Role.ADMIN, null, 1)).as("not an owner").isFalse();
    assertThat(ChannelRules.leavesNoOwner(null, Role.MEMBER, 0)).as("a new member").isFalse();
  }

  @Test
  void putIsRefusedForAMissingChannelOrUserAndForTheLastOwner() {
    assertThat(ChannelRules.refusePut(new MemberState(false, false, null, 0), Role.MEMBER))
        .isEqualTo(MemberWrite.Outcome.NO_CHANNEL);
    assertThat(ChannelRules.refusePut(new MemberState(true, false, null, 1), Role.MEMBER))
        .isEqualTo(MemberWrite.Outcome.NO_USER);
    assertThat(ChannelRules.refusePut(new MemberState(true, true, Role.OWNER, 1), Role.GUEST))
        .isEqualTo(MemberWrite.Outcome.LAST_OWNER);
    assertThat(ChannelRules.refusePut(new MemberState(true, true, Role.OWNER, 2), Role.GUEST))
        .isNull();
    assertThat(ChannelRules.refusePut(new MemberState(true, true, null, 1), Role.OWNER)).isNull();
  }

  @Test
  void removeIsRefusedForANonMemberAndForTheLastOwner() {
    assertThat(ChannelRules.refuseRemove(new MemberState(false, true, null, 0)))
        .isEqualTo(MemberWrite.Outcome.NOT_A_MEMBER);
    assertThat(ChannelRules.refuseRemove(new MemberState(true, true, Role.OWNER, 1)))
        .isEqualTo(MemberWrite.Outcome.LAST_OWNER);
    assertThat(ChannelRules.refuseRemove(new MemberState(true, true, Role.OWNER, 3))).isNull();
    assertThat(ChannelRules.refuseRemove(new MemberState(true, true, Role.GUEST, 1))).isNull();
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void puttingTheSameRoleAgainIsNotAudited(Role role) {
    assertThat(ChannelRules.putAudit(channel, user, role, role, actor, NOW)).isNull();
  }

  @Test
  void membershipChangesAreAuditedWithTheRole() {
    AuditEntry added = ChannelRules.putAudit(channel, user, null, Role.GUEST, actor, NOW);
    assertThat(added.action()).isEqualTo(AuditAction.MEMBER_ADDED);
    assertThat(added.detail()).isEqualTo("role=GUEST");
    assertThat(added.targetUserId()).isEqualTo(user);
    assertThat(added.actorId()).isEqualTo(actor);
    assertThat(added.at()).isEqualTo(NOW);
    AuditEntry changed = ChannelRules.putAudit(channel, user, Role.GUEST, Role.ADMIN, null, NOW);
    assertThat(changed.action()).isEqualTo(AuditAction.MEMBER_ROLE_CHANGED);
    assertThat(changed.detail()).isEqualTo("role=ADMIN");
    assertThat(changed.actorId()).isNull();
    AuditEntry removed = ChannelRules.removeAudit(channel, user, Role.MODERATOR, actor, NOW);
    assertThat(removed.action()).isEqualTo(AuditAction.MEMBER_REMOVED);
    assertThat(removed.detail()).isEqualTo("role=MODERATOR");
  }

  @Test
  void channelChangesAreAudited() {
    ChannelUpdate update = new ChannelUpdate("Renamed", "", Visibility.PUBLIC, null);
    AuditEntry updated = ChannelRules.updateAudit(channel, update, actor, NOW);
    assertThat(updated.action()).isEqualTo(AuditAction.CHANNEL_UPDATED);
    assertThat(updated.detail()).isEqualTo("name=renamed");
    assertThat(ChannelRules.archiveAudit(channel, true, actor, NOW).action())
        .isEqualTo(AuditAction.CHANNEL_ARCHIVED);
    assertThat(ChannelRules.archiveAudit(channel, false, actor, NOW).action())
        .isEqualTo(AuditAction.CHANNEL_UNARCHIVED);
    assertThat(ChannelRules.archiveAudit(channel, false, actor, NOW).detail()).isEmpty();
  }

  @Test
  void theLastOwnerConflictIsAStateConflictOnTheRole() {
    ConflictException e = Failures.lastOwner(channel);
    assertThat(e.reason()).isEqualTo(ConflictException.Reason.STATE);
    assertThat(e.field()).contains("role");
    assertThat(e).hasMessage("channel " + channel + " must keep at least one owner");
  }

  @Test
  void aMemberWriteCarriesAMembershipOnlyWhenWritten() {
    Membership m = new Membership(channel, user, Role.MEMBER, 0, NOW);
    assertThat(MemberWrite.written(m).membership()).isEqualTo(m);
    assertThat(MemberWrite.removed().outcome()).isEqualTo(MemberWrite.Outcome.WRITTEN);
    assertThatThrownBy(() -> new MemberWrite(MemberWrite.Outcome.LAST_OWNER, m))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemberWrite.refused(MemberWrite.Outcome.WRITTEN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MemberState(true, true, null, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUpdateOutcomeBecomesTheRecordOrItsError() {
    UpdateOutcome.updated("x")
        .orFailure("user", user, 3)
        .as(StepVerifier::create)
        .expectNext("x")
        .verifyComplete();
    UpdateOutcome.<String>notUpdated(5L)
        .orFailure("user", user, 3)
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(ConflictException.class);
              assertThat(((ConflictException) e).reason())
                  .isEqualTo(ConflictException.Reason.VERSION_MISMATCH);
              assertThat(e).hasMessage("user " + user + " is at version 5, not 3");
            })
        .verify();
    UpdateOutcome.<String>notUpdated(null)
        .orFailure("channel", channel, 1)
        .as(StepVerifier::create)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("channel " + channel + " not found"))
        .verify();
    assertThatThrownBy(() -> UpdateOutcome.stale(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UpdateOutcome<>("x", 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
