package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The contract of {@link ReactionStore}. */
public abstract class ReactionStoreContractTests extends StorageContractSupport {

  /** The operation a backend reports once per {@link ReactionStore#summarize} round trip. */
  public static final String SUMMARIZE = "ReactionStore.summarize";

  /** For subclasses. */
  protected ReactionStoreContractTests() {}

  private ReactionStore reactions() {
    return storage().reactions();
  }

  private Map<MessageId, List<ReactionSummary>> summarize(List<MessageId> ids, User viewer) {
    return await(reactions().summarize(ids, viewer == null ? null : viewer.id()));
  }

  @Test
  void addingTheSameReactionTwiceChangesNothing() {
    Message message = post(newChannel(), "react to me");
    User user = newUser();
    reactions()
        .add(message.id(), user.id(), "👍")
        .as(StepVerifier::create)
        .expectNext(true)
        .verifyComplete();
    reactions()
        .add(message.id(), user.id(), "👍")
        .as(StepVerifier::create)
        .as("idempotent")
        .expectNext(false)
        .verifyComplete();
    assertThat(summarize(List.of(message.id()), user))
        .isEqualTo(Map.of(message.id(), List.of(new ReactionSummary("👍", 1, true))));
  }

  @Test
  void removingReportsWhetherThereWasAReaction() {
    Message message = post(newChannel(), "react to me");
    User user = newUser();
    await(reactions().add(message.id(), user.id(), ":party:"));
    reactions()
        .remove(message.id(), user.id(), ":party:")
        .as(StepVerifier::create)
        .expectNext(true)
        .verifyComplete();
    reactions()
        .remove(message.id(), user.id(), ":party:")
        .as(StepVerifier::create)
        .expectNext(false)
        .verifyComplete();
    assertThat(summarize(List.of(message.id()), user)).as("no reactions, no entry").isEmpty();
  }

  @Test
  void summariesOfAPageComeFromOneQueryWithCountsAndTheViewersOwn() {
    Channel channel = newChannel();
    List<Message> page = postMany(channel, 20);
    User alice = newUser();
    User bob = newUser();
    User carol = newUser();
    // message 0: :a: x3 (alice, bob, carol), :b: x1 (bob)
    for (User u : List.of(alice, bob, carol)) {
      await(reactions().add(page.get(0).id(), u.id(), ":a:"));
    }
    await(reactions().add(page.get(0).id(), bob.id(), ":b:"));
    // message 3: ties by count come out in emoji order: :x: and :y: by carol, :z: by bob and carol
    await(reactions().add(page.get(3).id(), carol.id(), ":y:"));
    await(reactions().add(page.get(3).id(), carol.id(), ":x:"));
    await(reactions().add(page.get(3).id(), carol.id(), ":z:"));
    await(reactions().add(page.get(3).id(), bob.id(), ":z:"));
    // message 19: one by alice
    await(reactions().add(page.get(19).id(), alice.id(), "🎉"));
    List<MessageId> ids = page.stream().map(Message::id).toList();

    long before = observer.count(SUMMARIZE);
    Map<MessageId, List<ReactionSummary>> forAlice = summarize(ids, alice);
    assertThat(observer.count(SUMMARIZE) - before).as("one query for 20 messages").isEqualTo(1);
    assertThat(forAlice)
        .isEqualTo(
            Map.of(
                page.get(0).id(),
                List.of(new ReactionSummary(":a:", 3, true), new ReactionSummary(":b:", 1, false)),
                page.get(3).id(),
                List.of(
                    new ReactionSummary(":z:", 2, false),
                    new ReactionSummary(":x:", 1, false),
                    new ReactionSummary(":y:", 1, false)),
                page.get(19).id(),
                List.of(new ReactionSummary("🎉", 1, true))));
    Map<MessageId, List<ReactionSummary>> forBob = summarize(ids, bob);
    assertThat(forBob.get(page.get(0).id()))
        .containsExactly(new ReactionSummary(":a:", 3, true), new ReactionSummary(":b:", 1, true));
    assertThat(forBob.get(page.get(3).id()).get(0)).isEqualTo(new ReactionSummary(":z:", 2, true));
    Map<MessageId, List<ReactionSummary>> anonymous = summarize(ids, null);
    assertThat(anonymous.get(page.get(0).id()))
        .as("no viewer, nothing flagged")
        .containsExactly(
            new ReactionSummary(":a:", 3, false), new ReactionSummary(":b:", 1, false));
  }

  @Test
  void summariesOfNoMessagesOrOfUnknownOnesAreEmpty() {
    User user = newUser();
    assertThat(summarize(List.of(), user)).isEmpty();
    assertThat(summarize(List.of(MessageId.generate(), MessageId.generate()), user)).isEmpty();
  }

  @Test
  void reactingToADeletedOrMissingMessageIsNotFound() {
    Message message = post(newChannel(), "soon gone");
    User user = newUser();
    await(storage().messages().delete(message.id()));
    reactions()
        .add(message.id(), user.id(), "👍")
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(NotFoundException.class, "message " + message.id() + " not found"))
        .verify();
    MessageId missing = MessageId.generate();
    reactions()
        .add(missing, UserId.generate(), "👍")
        .as(StepVerifier::create)
        .as("the message is checked first")
        .expectErrorMatches(failure(NotFoundException.class, "message " + missing + " not found"))
        .verify();
    reactions()
        .remove(message.id(), user.id(), "👍")
        .as(StepVerifier::create)
        .as("removing from a deleted message changes nothing")
        .expectNext(false)
        .verifyComplete();
  }

  @Test
  void reactingAsAnUnknownUserIsAnInvalidArgument() {
    Message message = post(newChannel(), "who is there");
    UserId nobody = UserId.generate();
    reactions()
        .add(message.id(), nobody, "👍")
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + nobody + " does not exist"))
        .verify();
    assertThat(summarize(List.of(message.id()), null)).as("nothing was stored").isEmpty();
  }

  @Test
  void deletingOrPurgingAMessageDropsItsReactions() {
    Channel channel = newChannel();
    Message deleted = post(channel, "deleted");
    Message purged = post(channel, "purged");
    User user = newUser();
    await(reactions().add(deleted.id(), user.id(), "👍"));
    await(reactions().add(purged.id(), user.id(), "👍"));
    await(storage().messages().delete(deleted.id()));
    awaitOrNull(storage().messages().purge(purged.id()));
    assertThat(summarize(List.of(deleted.id(), purged.id()), user)).isEmpty();
  }

  @Test
  void emojiAreStoredExactly() {
    Message message = post(newChannel(), "emoji");
    User user = newUser();
    List<String> emoji = List.of("👍🏽", "👨‍👩‍👧", ":Party_Parrot:", "é", "x".repeat(64));
    for (String e : emoji) {
      await(reactions().add(message.id(), user.id(), e));
    }
    List<String> found = new ArrayList<>();
    summarize(List.of(message.id()), user).get(message.id()).forEach(s -> found.add(s.emoji()));
    assertThat(found).containsExactlyInAnyOrderElementsOf(emoji);
  }

  @Test
  void argumentsAreCheckedAtCallTime() {
    MessageId id = MessageId.generate();
    User user = newUser();
    assertThatThrownBy(() -> reactions().add(id, user.id(), "two words"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reactions().add(id, user.id(), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reactions().add(id, user.id(), "x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reactions().remove(id, user.id(), "a\tb"))
        .isInstanceOf(IllegalArgumentException.class);
    List<MessageId> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(MessageId.generate());
    }
    assertThatThrownBy(() -> reactions().summarize(tooMany, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
