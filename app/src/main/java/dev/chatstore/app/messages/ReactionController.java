package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.storage.Actor;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reactions: {@code PUT} and {@code DELETE /api/v1/messages/{id}/reactions/{emoji}} (the emoji
 * percent-encoded in the path). Members of the message's channel (any role, guests included) react
 * while the channel is not archived; a signed-in non-member of a public channel gets 403 (join
 * first), of a private one 404.
 *
 * <p>Both calls are idempotent: {@code PUT} answers 201 when it added the reaction and 200 when it
 * was already there, both with the message's reactions afterwards; {@code DELETE} answers 204
 * whether or not there was a reaction to remove.
 */
@RestController
@RequestMapping(
    path = "/api/v1/messages/{id}/reactions/{emoji}",
    produces = MediaType.APPLICATION_JSON_VALUE)
public class ReactionController {

  private final Storage storage;
  private final ChannelPolicy policy;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param policy the permission rules
   */
  public ReactionController(Storage storage, ChannelPolicy policy) {
    this.storage = storage;
    this.policy = policy;
  }

  /**
   * A message's reactions.
   *
   * @param messageId the message
   * @param reactions its reactions, most used first
   */
  public record Reactions(String messageId, List<ReactionView> reactions) {}

  /**
   * Adds the caller's reaction.
   *
   * @param caller the caller
   * @param id the message
   * @param emoji the reaction: 1 to 64 characters, no whitespace or control characters
   * @return 201 when added, 200 when it was there already; with the message's reactions
   */
  @PutMapping
  public Mono<ResponseEntity<Reactions>> put(
      Caller caller, @PathVariable String id, @PathVariable String emoji) {
    MessageId messageId = Ids.message(id);
    return react(caller, messageId, emoji, storage.reactions()::add)
        .onErrorMap(NotFoundException.class, e -> ApiException.notFound("message"))
        .flatMap(
            added ->
                storage
                    .reactions()
                    .summarize(List.of(messageId), caller.userId())
                    .defaultIfEmpty(Map.of())
                    .map(
                        summaries ->
                            ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                                .body(
                                    new Reactions(
                                        messageId.toString(),
                                        summaries.getOrDefault(messageId, List.of()).stream()
                                            .map(ReactionView::of)
                                            .toList()))));
  }

  /**
   * Removes the caller's reaction.
   *
   * @param caller the caller
   * @param id the message
   * @param emoji the reaction
   * @return 204, also when there was none
   */
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public Mono<Void> delete(Caller caller, @PathVariable String id, @PathVariable String emoji) {
    return react(caller, Ids.message(id), emoji, storage.reactions()::remove).then();
  }

  /** A reaction's write: adds or removes one and says whether anything changed. */
  private interface Write {
    Mono<Boolean> apply(MessageId message, UserId user, String emoji);
  }

  private Mono<Boolean> react(Caller caller, MessageId id, String emoji, Write write) {
    ReactionStore.checkEmoji(emoji);
    return policy
        .message(caller, id, Action.REACT)
        .then(write.apply(id, caller.userId(), emoji).contextWrite(Actor.of(caller.userId())));
  }
}
