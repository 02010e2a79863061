package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The contract of {@link RetentionStore}: policies, and purges in bounded batches that keep search,
 * threads and counts consistent and are audited. Purge tests use their own database, so that the
 * report's counts are exact.
 */
public abstract class RetentionStoreContractTests extends StorageContractSupport {

  private static final Duration DAY = Duration.ofDays(1);

  /** For subclasses. */
  protected RetentionStoreContractTests() {}

  private static Channel channel(Storage storage) {
    User owner = await(storage.users().create(TestData.newUser()));
    return await(storage.channels().create(TestData.newChannel(owner.id())));
  }

  private static Message post(Storage storage, Channel channel, String body) {
    return await(storage.messages().post(NewMessage.of(channel.id(), channel.createdBy(), body)))
        .message();
  }

  private static List<Message> history(Storage storage, Channel channel) {
    return awaitAll(
        storage.messages().page(HistoryQuery.after(channel.id(), 0, 500).withDeleted()));
  }

  @Test
  void aPolicyIsSetAndClearedOnTheChannel() {
    Channel channel = newChannel();
    assertThat(channel.retention()).as("forever by default").isNull();
    storage()
        .retention()
        .setPolicy(channel.id(), Duration.ofDays(30))
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.retention()).isEqualTo(Duration.ofDays(30)))
        .verifyComplete();
    assertThat(await(storage().channels().findById(channel.id())).retention())
        .isEqualTo(Duration.ofDays(30));
    assertThat(
            await(storage().retention().setPolicy(channel.id(), Duration.ofSeconds(90)))
                .retention())
        .isEqualTo(Duration.ofSeconds(90));
    storage()
        .retention()
        .setPolicy(channel.id(), null)
        .as(StepVerifier::create)
        .assertNext(c -> assertThat(c.retention()).isNull())
        .verifyComplete();
    assertThat(await(storage().channels().findById(channel.id())).retention()).isNull();
  }

  @Test
  void aPolicyOfAMissingChannelIsNotFound() {
    ChannelId missing = ChannelId.generate();
    storage()
        .retention()
        .setPolicy(missing, DAY)
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
    storage()
        .retention()
        .setPolicy(missing, null)
        .as(StepVerifier::create)
        .as("clearing too")
        .expectErrorMatches(failure(NotFoundException.class, "channel " + missing + " not found"))
        .verify();
  }

  @Test
  void argumentsAreCheckedAtCallTime() {
    ChannelId id = ChannelId.generate();
    RetentionStore retention = storage().retention();
    assertThatThrownBy(() -> retention.setPolicy(id, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.setPolicy(id, Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.setPolicy(id, RetentionStore.MAX_RETENTION.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.purgeExpired(Instant.now(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.purgeExpired(Instant.now(), 10_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> retention.purgeExpired(null, 10))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void purgeRemovesOnlyExpiredMessagesInBoundedBatchesAndReportsExactly() {
    Storage storage = isolatedStorage(Map.of());
    Channel kept = channel(storage);
    Channel limited = channel(storage);
    Channel forever = channel(storage);
    await(storage.retention().setPolicy(limited.id(), DAY));
    await(storage.retention().setPolicy(kept.id(), Duration.ofDays(365)));
    List<Message> old = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      old.add(post(storage, limited, "old " + i));
      post(storage, kept, "kept " + i);
      post(storage, forever, "forever " + i);
    }
    clock.advance(DAY.multipliedBy(2));
    Message fresh = post(storage, limited, "fresh");

    storage
        .retention()
        .purgeExpired(clock.instant(), 10)
        .as(StepVerifier::create)
        .expectNext(new RetentionReport(2, 25, 3))
        .verifyComplete();
    assertThat(history(storage, limited)).containsExactly(fresh);
    assertThat(history(storage, kept)).hasSize(25);
    assertThat(history(storage, forever)).hasSize(25);
    assertThat(await(storage.messages().latestSeq(limited.id())))
        .as("positions are not reused")
        .isEqualTo(26);
    List<AuditEntry> audit = awaitAll(storage.audit().page(limited.id(), null, 500));
    List<AuditEntry> purges =
        audit.stream().filter(e -> e.action() == AuditAction.MESSAGE_PURGED).toList();
    assertThat(purges).hasSize(25);
    assertThat(purges).allSatisfy(e -> assertThat(e.actorId()).as("no actor").isNull());
    assertThat(purges.stream().map(AuditEntry::targetMessageId).toList())
        .containsExactlyInAnyOrderElementsOf(old.stream().map(Message::id).toList());

    storage
        .retention()
        .purgeExpired(clock.instant(), 10)
        .as(StepVerifier::create)
        .as("nothing left to purge")
        .expectNext(new RetentionReport(2, 0, 0))
        .verifyComplete();
  }

  @Test
  void onlyMessagesPostedBeforeNowMinusKeepArePurged() {
    Storage storage = isolatedStorage(Map.of());
    Channel channel = channel(storage);
    await(storage.retention().setPolicy(channel.id(), DAY));
    Message message = post(storage, channel, "boundary");
    Instant boundary = message.createdAt().plus(DAY);
    assertThat(await(storage.retention().purgeExpired(boundary, 100)).messagesPurged())
        .as("posted exactly at now - keep: kept")
        .isZero();
    assertThat(
            await(storage.retention().purgeExpired(boundary.plusNanos(1_000), 100))
                .messagesPurged())
        .isEqualTo(1);
    storage.messages().findById(message.id()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void purgeKeepsSearchThreadsAndCountsConsistent() {
    Storage storage = isolatedStorage(Map.of());
    Channel channel = channel(storage);
    String w = "q" + TestData.token(10);
    Message root = post(storage, channel, w + " old root");
    Message oldReply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), w + " old reply")
                            .withParent(root.id())))
            .message();
    Message otherRoot = post(storage, channel, "other old root");
    clock.advance(DAY.multipliedBy(3));
    Message newReply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), w + " new reply")
                            .withParent(root.id())))
            .message();
    Message otherReply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "reply to the other root")
                            .withParent(otherRoot.id())))
            .message();
    // a kept root with an expired reply (a reply stamped earlier than its root: clocks do jump)
    Message keptRoot = post(storage, channel, "kept root");
    Instant later = clock.instant();
    clock.set(later.minus(DAY.multipliedBy(3)));
    Message expiredReply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "expired reply")
                            .withParent(keptRoot.id())))
            .message();
    clock.set(later.plusSeconds(1));
    Message keptReply =
        await(
                storage
                    .messages()
                    .post(
                        NewMessage.of(channel.id(), channel.createdBy(), "kept reply")
                            .withParent(keptRoot.id())))
            .message();
    assertThat(await(storage.messages().findById(keptRoot.id())).replyCount()).isEqualTo(2);
    await(storage.retention().setPolicy(channel.id(), DAY));
    RetentionReport report = await(storage.retention().purgeExpired(clock.instant(), 1));
    assertThat(report).isEqualTo(new RetentionReport(1, 4, 4));
    storage.messages().findById(expiredReply.id()).as(StepVerifier::create).verifyComplete();
    Message root2 = await(storage.messages().findById(keptRoot.id()));
    assertThat(root2.replyCount()).as("the purged reply is uncounted").isEqualTo(1);
    assertThat(root2.lastReplyAt()).isEqualTo(keptReply.createdAt());
    assertThat(history(storage, channel)).containsExactly(newReply, otherReply, root2, keptReply);
    storage
        .messages()
        .replies(root.id(), 0, 10)
        .as(StepVerifier::create)
        .as("the purged root's newer reply stays in place")
        .expectNext(newReply)
        .verifyComplete();
    assertThat(
            awaitAll(storage.search().search(SearchQuery.of(w, channel.createdBy(), 10))).stream()
                .map(h -> h.message().id())
                .toList())
        .as("purged messages leave the search index")
        .containsExactly(newReply.id());
    storage.messages().findById(oldReply.id()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void cancellingAPurgeKeepsTheCommittedBatches() {
    Storage storage = isolatedStorage(Map.of());
    Channel channel = channel(storage);
    await(storage.retention().setPolicy(channel.id(), DAY));
    awaitAll(
        Flux.range(0, 30)
            .concatMap(
                i ->
                    storage
                        .messages()
                        .post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i))));
    clock.advance(DAY.multipliedBy(2));
    storage
        .retention()
        .purgeExpired(clock.instant(), 5)
        .as(StepVerifier::create)
        .thenCancel()
        .verify();
    RetentionReport rest = await(storage.retention().purgeExpired(clock.instant(), 5));
    assertThat(rest.messagesPurged()).isBetween(0L, 30L);
    assertThat(history(storage, channel)).as("everything expired is gone in the end").isEmpty();
  }
}
