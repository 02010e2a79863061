package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.internal.MessageRules.EditState;
import dev.chatstore.storage.internal.MessageRules.PostDecision;
import dev.chatstore.storage.internal.MessageRules.ThreadCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRulesTests {

  private static final Instant T0 = Instant.parse("2031-05-06T07:08:09.123456Z");
  private final ChannelId channel = ChannelId.generate();
  private final UserId author = UserId.generate();

  private MessageRules.Keyed stored(NewMessage message) {
    return new MessageRules.Keyed(
        MessageRules.posted(MessageId.generate(), message, 7, T0),
        MessageRules.fingerprint(message));
  }

  private static MessageRules.Keyed edited(MessageRules.Keyed stored, String body) {
    Message m = stored.message();
    Message now =
        new Message(
            m.id(),
            m.channelId(),
            m.seq(),
            m.authorId(),
            body,
            m.parentId(),
            m.clientTxnId(),
            m.createdAt(),
            T0.plusSeconds(1),
            null,
            2);
    return new MessageRules.Keyed(now, stored.fingerprint());
  }

  @Test
  void theFingerprintIsSha256HexOfChannelBodyAndParentLengthPrefixed() {
    NewMessage keyed = NewMessage.of(channel, author, "hi").withClientTxnId("k1");
    String fingerprint = MessageRules.fingerprint(keyed);
    assertThat(fingerprint).matches("[0-9a-f]{64}");
    assertThat(MessageRules.fingerprint(NewMessage.of(channel, UserId.generate(), "hi")))
        .as("the author and the key are the idempotency key, not part of the request")
        .isEqualTo(fingerprint);
    assertThat(MessageRules.fingerprint(keyed.withParent(MessageId.generate())))
        .isNotEqualTo(fingerprint);
    assertThat(MessageRules.fingerprint(NewMessage.of(channel, author, "hi ")))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void aRetryOfTheSameRequestReplaysTheMessageAsItIsNowEvenEdited() {
    NewMessage keyed = NewMessage.of(channel, author, "hi").withClientTxnId("k1");
    MessageRules.Keyed now = edited(stored(keyed), "edited");
    assertThat(MessageRules.decide(keyed, now)).isEqualTo(PostDecision.REPLAY);
    assertThat(MessageRules.replay(keyed, now).message().body()).isEqualTo("edited");
    assertThat(
            MessageRules.decide(
                NewMessage.of(channel, author, "edited").withClientTxnId("k1"), now))
        .as("the edited body is not what was posted")
        .isEqualTo(PostDecision.CONFLICT);
  }

  @Test
  void aMessagePostedBeforeFingerprintsIsComparedWithItsStoredPayload() {
    NewMessage keyed = NewMessage.of(channel, author, "hi").withClientTxnId("k1");
    MessageRules.Keyed legacy = new MessageRules.Keyed(stored(keyed).message(), null);
    assertThat(MessageRules.decide(keyed, legacy)).isEqualTo(PostDecision.REPLAY);
    assertThat(
            MessageRules.decide(NewMessage.of(channel, author, "x").withClientTxnId("k1"), legacy))
        .isEqualTo(PostDecision.CONFLICT);
  }

  @Test
  void aPostWithoutKeyOrWithAnUnusedKeyIsAnInsert() {
    NewMessage plain = NewMessage.of(channel, author, "hi");
    NewMessage keyed = plain.withClientTxnId("k1");
    assertThat(MessageRules.decide(plain, null)).isEqualTo(PostDecision.INSERT);
    assertThat(MessageRules.decide(keyed, null)).isEqualTo(PostDecision.INSERT);
    assertThat(MessageRules.decide(plain, stored(plain)))
        .as("without a key nothing is replayed")
        .isEqualTo(PostDecision.INSERT);
  }

  @Test
  void theSameKeyWithTheSamePayloadIsAReplayOfTheStoredMessage() {
    NewMessage keyed = NewMessage.of(channel, author, "hi").withClientTxnId("k1");
    MessageRules.Keyed original = stored(keyed);
    assertThat(MessageRules.decide(keyed, original)).isEqualTo(PostDecision.REPLAY);
    assertThat(MessageRules.replay(keyed, original))
        .isEqualTo(new PostResult(original.message(), true));
  }

  @Test
  void theSameKeyWithAnotherBodyChannelOrParentIsAConflictNamingTheKey() {
    NewMessage keyed = NewMessage.of(channel, author, "hi").withClientTxnId("k1");
    MessageRules.Keyed original = stored(keyed);
    List<NewMessage> others =
        List.of(
            NewMessage.of(channel, author, "other").withClientTxnId("k1"),
            NewMessage.of(ChannelId.generate(), author, "hi").withClientTxnId("k1"),
            keyed.withParent(MessageId.generate()));
    for (NewMessage other : others) {
      assertThat(MessageRules.decide(other, original)).isEqualTo(PostDecision.CONFLICT);
      assertThatThrownBy(() -> MessageRules.replay(other, original))
          .isInstanceOfSatisfying(
              ConflictException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_MISMATCH);
                assertThat(e.field()).isEqualTo(Optional.of("clientTxnId"));
              })
          .hasMessage("idempotency key 'k1' was already used by this author with another payload");
    }
  }

  @Test
  void aPostedMessageIsAtVersionOneWithoutEditsOrReplies() {
    MessageId parent = MessageId.generate();
    NewMessage input =
        NewMessage.of(channel, author, "body").withClientTxnId("k").withParent(parent);
    MessageId id = MessageId.generate();
    Message m = MessageRules.posted(id, input, 42, T0);
    assertThat(m)
        .isEqualTo(new Message(id, channel, 42, author, "body", parent, "k", T0, null, null, 1));
    assertThat(m.replyCount()).isZero();
    assertThat(m.lastReplyAt()).isNull();
  }

  @Test
  void aParentMustBeInTheReplysChannelAndMissingReadsTheSame() {
    MessageId parent = MessageId.generate();
    MessageRules.requireParentIn(parent, channel, channel);
    String text = "parent message " + parent + " does not exist in channel " + channel;
    assertThatThrownBy(() -> MessageRules.requireParentIn(parent, channel, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage(text);
    assertThatThrownBy(() -> MessageRules.requireParentIn(parent, channel, ChannelId.generate()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage(text);
  }

  @Test
  void aPostingAppliesTheParentRuleOnlyToReplies() {
    Posting root = new Posting(NewMessage.of(channel, author, "x"), MessageId.generate(), T0);
    root.requireParentIn(null);
    MessageId parent = MessageId.generate();
    Posting reply =
        new Posting(
            NewMessage.of(channel, author, "x").withParent(parent), MessageId.generate(), T0);
    assertThatThrownBy(() -> reply.requireParentIn(null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThat(reply.inserted(3)).isEqualTo(new PostResult(reply.at(3), false));
    assertThat(reply.at(3).id()).isEqualTo(reply.id());
    assertThat(reply.channelNotFound()).hasMessage("channel " + channel + " not found");
  }

  @Test
  void anEditKeepsThePreviousBodyByTheActorOrElseTheAuthor() {
    MessageId id = MessageId.generate();
    UserId moderator = UserId.generate();
    EditState state = new EditState(author, "v1", 3, false);
    assertThat(MessageRules.checkEdit(id, state, 3, moderator, T0))
        .isEqualTo(new MessageEdit(id, 3, "v1", moderator, T0));
    assertThat(MessageRules.checkEdit(id, state, 3, null, T0))
        .isEqualTo(new MessageEdit(id, 3, "v1", author, T0));
    assertThat(new Editing(id, 3, "v2", null, T0).check(state).editedBy()).isEqualTo(author);
  }

  @Test
  void anEditOfAMissingDeletedOrChangedMessageFailsWithItsText() {
    MessageId id = MessageId.generate();
    assertThatThrownBy(() -> MessageRules.checkEdit(id, null, 1, null, T0))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("message " + id + " not found");
    assertThatThrownBy(
            () -> MessageRules.checkEdit(id, new EditState(author, "", 2, true), 2, null, T0))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STATE))
        .hasMessage("message " + id + " is deleted");
    assertThatThrownBy(
            () -> MessageRules.checkEdit(id, new EditState(author, "b", 2, false), 1, null, T0))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.VERSION_MISMATCH))
        .hasMessage("message " + id + " is at version 2, not 1");
  }

  @Test
  void aReplyCountsOnceAndKeepsTheLaterTime() {
    ThreadCounts one = MessageRules.afterReply(ThreadCounts.NONE, T0);
    assertThat(one).isEqualTo(new ThreadCounts(1, T0));
    ThreadCounts two = MessageRules.afterReply(one, T0.plusSeconds(5));
    assertThat(two).isEqualTo(new ThreadCounts(2, T0.plusSeconds(5)));
    assertThat(MessageRules.afterReply(two, T0.minusSeconds(5)))
        .as("a reply that commits later with an earlier time keeps the newest")
        .isEqualTo(new ThreadCounts(3, T0.plusSeconds(5)));
  }

  @Test
  void aPurgeRecountsTheRootFromTheRemainingReplies() {
    assertThat(MessageRules.recount(List.of())).isEqualTo(ThreadCounts.NONE);
    assertThat(MessageRules.recount(List.of(T0.plusSeconds(2), T0, T0.plusSeconds(1))))
        .isEqualTo(new ThreadCounts(3, T0.plusSeconds(2)));
  }
}
