package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.channels.ChannelPolicy.Located;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.Actor;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * One message: {@code /api/v1/messages/{id}}. Reading needs read access to its channel; editing and
 * deleting need to be its author or an admin or owner of the channel. Edits are optimistic: {@code
 * If-Match} with the ETag (the version) is required (428 without, 412 when stale).
 *
 * <p>Reactions: {@code PUT} and {@code DELETE /api/v1/messages/{id}/reactions/{emoji}} (the emoji
 * percent-encoded in the path), by members of any role while the channel is not archived. Both are
 * idempotent: {@code PUT} answers 201 when it added the reaction and 200 when it was already there,
 * both with the message's reactions afterwards; {@code DELETE} answers 204 either way.
 *
 * @param storage the storage
 * @param policy the permission rules
 * @param views renders messages with their reactions
 */
@RestController
@RequestMapping(path = "/api/v1/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
public record MessageItemController(Storage storage, ChannelPolicy policy, MessageViews views) {

  /**
   * Reads a message (a tombstone when deleted).
   *
   * @param caller the caller
   * @param id the message
   * @return the message with its ETag
   */
  @GetMapping
  public Mono<ResponseEntity<MessageView>> get(Caller caller, @PathVariable String id) {
    return rendered(
        policy.message(caller, Ids.message(id), Action.READ).map(Located::message), caller);
  }

  /**
   * An edit.
   *
   * @param body the new text, 1 to 16,000 characters
   */
  public record Edit(String body) {

    /** Checks the body. */
    public Edit {
      if (body == null) {
        throw new IllegalArgumentException("body is required");
      }
      NewMessage.body(body);
    }
  }

  /**
   * Edits a message.
   *
   * @param caller the caller
   * @param id the message
   * @param ifMatch the ETag of the version being edited
   * @param edit the new body
   * @return the edited message with its new ETag
   */
  @PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<MessageView>> edit(
      Caller caller,
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody Edit edit) {
    MessageId messageId = Ids.message(id);
    long expected = Params.ifMatch(ifMatch);
    Mono<Message> edited =
        policy
            .message(caller, messageId, Action.MODIFY_MESSAGE)
            .flatMap(m -> storage.messages().edit(messageId, expected, edit.body()))
            .onErrorMap(
                e ->
                    e instanceof ConflictException c
                        && c.reason() == ConflictException.Reason.VERSION_MISMATCH,
                e -> Params.preconditionFailed())
            .onErrorMap(NotFoundException.class, e -> ApiException.notFound("message"));
    return rendered(edited, caller);
  }

  /**
   * Deletes a message softly: a tombstone keeps its place in history, without the body.
   *
   * @param caller the caller
   * @param id the message
   * @return 204
   */
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public Mono<Void> delete(Caller caller, @PathVariable String id) {
    MessageId messageId = Ids.message(id);
    return policy
        .message(caller, messageId, Action.MODIFY_MESSAGE)
        .flatMap(m -> storage.messages().delete(messageId))
        .onErrorMap(NotFoundException.class, e -> ApiException.notFound("message"))
        .then();
  }

  private Mono<ResponseEntity<MessageView>> rendered(Mono<Message> message, Caller caller) {
    return message
        .flatMap(m -> views.view(m, caller.userId()))
        .map(v -> ResponseEntity.ok().eTag(Params.etag(v.version())).body(v));
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
  @PutMapping("/reactions/{emoji}")
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
  @DeleteMapping("/reactions/{emoji}")
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
