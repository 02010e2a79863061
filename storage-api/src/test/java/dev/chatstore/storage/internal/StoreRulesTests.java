package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.AuditAction;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.RetentionReport;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.AbstractRetentionStore.Batch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rules of the reaction, audit and retention base classes, without a database. */
class StoreRulesTests {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");

  @Test
  void summariesAreOrderedByCountThenEmojiInCodePointOrder() {
    MessageId message = MessageId.generate();
    ReactionSummary smile = new ReactionSummary("\uD83D\uDE00", 2, false);
    ReactionSummary privateUse = new ReactionSummary("\uE000", 2, true);
    ReactionSummary thumbs = new ReactionSummary(":+1:", 5, false);
    ReactionSummary party = new ReactionSummary(":party:", 2, false);
    Map<MessageId, List<ReactionSummary>> sorted =
        AbstractReactionStore.sorted(Map.of(message, List.of(smile, privateUse, party, thumbs)));
    assertThat(sorted.get(message))
        .as("U+E000 sorts before U+1F600, though String.compareTo says otherwise")
        .containsExactly(thumbs, party, privateUse, smile);
  }

  @Test
  void anAuditEntryGetsANewIdAndItsDetailIsClippedToTheColumn() {
    ChannelId channel = ChannelId.generate();
    UserId actor = UserId.generate();
    AuditEntry first =
        AbstractAuditStore.newEntry(NOW, channel, actor, AuditAction.MEMBER_ADDED, null, null, "x");
    AuditEntry second =
        AbstractAuditStore.newEntry(NOW, channel, actor, AuditAction.MEMBER_ADDED, null, null, "x");
    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.channelId()).isEqualTo(channel);
    assertThat(first.actorId()).isEqualTo(actor);
    assertThat(first.at()).isEqualTo(NOW);
    String longDetail = "d".repeat(AbstractAuditStore.MAX_DETAIL + 5);
    assertThat(AbstractAuditStore.clip(longDetail)).hasSize(AbstractAuditStore.MAX_DETAIL);
    String pairAtTheEdge = "d".repeat(AbstractAuditStore.MAX_DETAIL - 1) + "\uD83D\uDE00";
    assertThat(AbstractAuditStore.clip(pairAtTheEdge))
        .as("never half a surrogate pair")
        .isEqualTo("d".repeat(AbstractAuditStore.MAX_DETAIL - 1));
    assertThat(AbstractAuditStore.clip("short")).isEqualTo("short");
  }

  @Test
  void aPurgedMessageIsAuditedWithoutAnActor() {
    ChannelId channel = ChannelId.generate();
    MessageId message = MessageId.generate();
    AuditEntry entry = AbstractRetentionStore.purgedEntry(NOW, channel, message);
    assertThat(entry.action()).isEqualTo(AuditAction.MESSAGE_PURGED);
    assertThat(entry.actorId()).isNull();
    assertThat(entry.targetMessageId()).isEqualTo(message);
    assertThat(entry.detail()).isEmpty();
  }

  @Test
  void retentionBatchesStopWhenShortAndOnlyNonEmptyOnesCount() {
    assertThat(AbstractRetentionStore.cutoff(NOW, 60)).isEqualTo(NOW.minusSeconds(60));
    assertThat(AbstractRetentionStore.isLast(new Batch(3, 9), 3)).as("full: maybe more").isFalse();
    assertThat(AbstractRetentionStore.isLast(new Batch(2, 9), 3)).isTrue();
    assertThat(AbstractRetentionStore.isLast(new Batch(0, 0), 3)).isTrue();
    RetentionReport channel = new RetentionReport(1, 0, 0);
    channel = AbstractRetentionStore.add(channel, new Batch(3, 3));
    channel = AbstractRetentionStore.add(channel, new Batch(0, 3));
    assertThat(channel).isEqualTo(new RetentionReport(1, 3, 1));
    assertThat(AbstractRetentionStore.add(channel, new RetentionReport(1, 4, 2)))
        .isEqualTo(new RetentionReport(2, 7, 3));
  }
}
