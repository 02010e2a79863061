package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Actor;
import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract of {@link AuditStore}: which changes are audited, with the {@link Actor} of the
 * subscription (or none), in the same transaction as the change, paged newest first.
 */
public abstract class AuditStoreContractTests extends StorageContractSupport {

  /** For subclasses. */
  protected AuditStoreContractTests() {}

  private List<AuditEntry> log(Channel channel) {
    return awaitAll(storage().audit().page(channel.id(), null, 500));
  }

  private static void assertEntry(
      AuditEntry entry,
      AuditAction action,
      @Nullable UserId actor,
      @Nullable UserId targetUser,
      @Nullable MessageId targetMessage) {
    assertThat(entry.action()).isEqualTo(action);
    assertThat(entry.actorId()).as("actor of %s", action).isEqualTo(actor);
    assertThat(entry.targetUserId()).as("target user of %s", action).isEqualTo(targetUser);
    assertThat(entry.targetMessageId()).as("target message of %s", action).isEqualTo(targetMessage);
  }

  @Test
  void aNewChannelHasAnEmptyLog() {
    assertThat(log(newChannel())).isEmpty();
    storage()
        .audit()
        .page(ChannelId.generate(), null, 10)
        .as(StepVerifier::create)
        .verifyComplete();
  }

  @Test
  void membershipChangesAreAuditedWithTheActorOfTheSubscription() {
    Channel channel = newChannel();
    UserId admin = channel.createdBy();
    User user = newUser();
    clock.advance(Duration.ofSeconds(1));
    await(
        storage()
            .channels()
            .putMember(channel.id(), user.id(), Role.MEMBER)
            .contextWrite(Actor.of(admin)));
    await(
        storage()
            .channels()
            .putMember(channel.id(), user.id(), Role.ADMIN)
            .contextWrite(Actor.of(admin)));
    await(
        storage()
            .channels()
            .putMember(channel.id(), user.id(), Role.ADMIN)
            .contextWrite(Actor.of(admin)));
    awaitOrNull(storage().channels().removeMember(channel.id(), user.id()));
    List<AuditEntry> log = log(channel);
    assertThat(log).as("the same role again changes nothing").hasSize(3);
    assertEntry(log.get(0), AuditAction.MEMBER_REMOVED, null, user.id(), null);
    assertThat(log.get(0).detail()).isEqualTo("role=ADMIN");
    assertEntry(log.get(1), AuditAction.MEMBER_ROLE_CHANGED, admin, user.id(), null);
    assertThat(log.get(1).detail()).isEqualTo("role=ADMIN");
    assertEntry(log.get(2), AuditAction.MEMBER_ADDED, admin, user.id(), null);
    assertThat(log.get(2).detail()).isEqualTo("role=MEMBER");
    assertThat(log).allSatisfy(e -> assertThat(e.channelId()).isEqualTo(channel.id()));
    assertThat(log).allSatisfy(e -> assertThat(e.at()).isEqualTo(clock.micros()));
  }

  @Test
  void channelChangesAreAudited() {
    Channel channel = newChannel();
    UserId actor = channel.createdBy();
    Channel updated =
        await(
            storage()
                .channels()
                .update(channel.id(), 1, ChannelUpdate.of(channel).withTopic("new topic"))
                .contextWrite(Actor.of(actor)));
    await(storage().channels().archive(channel.id()).contextWrite(Actor.of(actor)));
    await(storage().channels().archive(channel.id()).contextWrite(Actor.of(actor)));
    await(storage().channels().unarchive(channel.id()).contextWrite(Actor.of(actor)));
    await(
        storage()
            .retention()
            .setPolicy(channel.id(), Duration.ofDays(7))
            .contextWrite(Actor.of(actor)));
    await(storage().retention().setPolicy(channel.id(), null));
    List<AuditEntry> log = log(channel);
    assertThat(log.stream().map(AuditEntry::action).toList())
        .as("newest first; archiving an archived channel changes nothing")
        .containsExactly(
            AuditAction.RETENTION_CHANGED,
            AuditAction.RETENTION_CHANGED,
            AuditAction.CHANNEL_UNARCHIVED,
            AuditAction.CHANNEL_ARCHIVED,
            AuditAction.CHANNEL_UPDATED);
    assertThat(log.get(0).actorId()).isNull();
    assertThat(log.get(0).detail()).isEqualTo("keep=forever");
    assertThat(log.get(1).detail())
        .as("durations read as the API shows them: whole days as P7D, not PT168H")
        .isEqualTo("keep=P7D");
    assertThat(log.subList(1, 5)).allSatisfy(e -> assertThat(e.actorId()).isEqualTo(actor));
    assertThat(log).allSatisfy(e -> assertThat(e.targetUserId()).isNull());
    assertThat(updated.version()).isEqualTo(2);
  }

  @Test
  void messageDeletionsAndPurgesAreAudited() {
    Channel channel = newChannel();
    Message deleted = post(channel, "to delete");
    Message purged = post(channel, "to purge");
    UserId moderator = newUser().id();
    await(storage().messages().delete(deleted.id()).contextWrite(Actor.of(moderator)));
    await(storage().messages().delete(deleted.id()).contextWrite(Actor.of(moderator)));
    await(storage().messages().purge(purged.id()).contextWrite(Actor.of(moderator)).thenReturn(1));
    List<AuditEntry> log = log(channel);
    assertThat(log).as("deleting a tombstone changes nothing").hasSize(2);
    assertEntry(log.get(0), AuditAction.MESSAGE_PURGED, moderator, null, purged.id());
    assertEntry(log.get(1), AuditAction.MESSAGE_DELETED, moderator, null, deleted.id());
  }

  @Test
  void aFailedChangeLeavesNoEntry() {
    Channel channel = newChannel();
    UserId actor = channel.createdBy();
    storage()
        .channels()
        .update(channel.id(), 7, ChannelUpdate.of(channel).withTopic("stale"))
        .contextWrite(Actor.of(actor))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(ConflictException.Reason.VERSION_MISMATCH))
        .verify();
    storage()
        .channels()
        .removeMember(channel.id(), newUser().id())
        .as(StepVerifier::create)
        .expectError(NotFoundException.class)
        .verify();
    User user = newUser();
    storage()
        .inTransaction(
            tx ->
                tx.channels()
                    .putMember(channel.id(), user.id(), Role.MEMBER)
                    .then(Mono.error(new IllegalStateException("changed my mind"))))
        .contextWrite(Actor.of(actor))
        .as(StepVerifier::create)
        .expectError()
        .verify();
    storage()
        .channels()
        .findMember(channel.id(), user.id())
        .as(StepVerifier::create)
        .as("rolled back")
        .verifyComplete();
    assertThat(log(channel)).as("nothing audited").isEmpty();
  }

  @Test
  void changesInATransactionAreAuditedWithItsActor() {
    Channel channel = newChannel();
    UserId admin = channel.createdBy();
    User user = newUser();
    Message message = post(channel, "in a transaction");
    storage()
        .inTransaction(
            tx ->
                tx.channels()
                    .putMember(channel.id(), user.id(), Role.MODERATOR)
                    .then(tx.messages().delete(message.id())))
        .contextWrite(Actor.of(admin))
        .as(StepVerifier::create)
        .expectNextCount(1)
        .verifyComplete();
    List<AuditEntry> log = log(channel);
    assertThat(log).hasSize(2);
    assertEntry(log.get(0), AuditAction.MESSAGE_DELETED, admin, null, message.id());
    assertEntry(log.get(1), AuditAction.MEMBER_ADDED, admin, user.id(), null);
    assertThat(log.get(1).detail()).isEqualTo("role=MODERATOR");
  }

  @Test
  void theLogIsPagedNewestFirst() {
    Channel channel = newChannel();
    for (int i = 0; i < 7; i++) {
      await(storage().channels().putMember(channel.id(), newUser().id(), Role.MEMBER));
    }
    List<AuditEntry> all = log(channel);
    assertThat(all).hasSize(7);
    assertThat(all.stream().map(AuditEntry::id).toList())
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    List<AuditEntry> pages = new ArrayList<>();
    AuditId before = null;
    for (int round = 0; round < 10; round++) {
      List<AuditEntry> page = awaitAll(storage().audit().page(channel.id(), before, 3));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(3);
      pages.addAll(page);
      before = page.get(page.size() - 1).id();
    }
    assertThat(pages).isEqualTo(all);
  }

  @Test
  void deletingAChannelDeletesItsLog() {
    Channel channel = newChannel();
    await(storage().channels().putMember(channel.id(), newUser().id(), Role.MEMBER));
    assertThat(log(channel)).hasSize(1);
    await(storage().channels().delete(channel.id()).thenReturn(1));
    assertThat(log(channel)).isEmpty();
  }
}
