package dev.chatstore.app.channels;

import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.JsonPatchBody;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.ChannelUpdate;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.Visibility;
import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Channels: {@code /api/v1/channels}. The creator is the owner.
 *
 * @param storage the storage
 * @param policy the permission rules
 * @param cursors the cursor codec
 */
@RestController
@RequestMapping(path = "/api/v1/channels", produces = MediaType.APPLICATION_JSON_VALUE)
public record ChannelController(Storage storage, ChannelPolicy policy, Cursors cursors) {

  /**
   * A new channel.
   *
   * @param name 1 to 80 letters, digits, '_', '.', '-'; unique regardless of case
   * @param topic the topic, empty when absent
   * @param kind {@code text} (default), {@code announcement} or {@code direct}
   * @param visibility {@code public} (default) or {@code private}
   * @param category an optional category
   */
  public record NewChannelBody(
      String name,
      @Nullable String topic,
      @Nullable String kind,
      @Nullable String visibility,
      @Nullable String category) {

    /** Checks what can be checked without I/O. */
    public NewChannelBody {
      if (name == null) {
        throw new IllegalArgumentException("name is required");
      }
      NewChannel.name(name);
      NewChannel.topic(topic == null ? "" : topic);
      Params.lowerEnum(ChannelKind.class, kind, "kind", ChannelKind.TEXT);
      Params.lowerEnum(Visibility.class, visibility, "visibility", Visibility.PUBLIC);
    }
  }

  /**
   * Creates a channel; the caller becomes its owner.
   *
   * @param caller the caller
   * @param body the channel
   * @return 201 with the channel; 409 when the name is taken
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<ChannelView>> create(Caller caller, @RequestBody NewChannelBody body) {
    NewChannel channel =
        new NewChannel(
            body.name(),
            body.topic() == null ? "" : body.topic(),
            Params.lowerEnum(ChannelKind.class, body.kind(), "kind", ChannelKind.TEXT),
            Params.lowerEnum(Visibility.class, body.visibility(), "visibility", Visibility.PUBLIC),
            body.category(),
            caller.userId());
    return storage
        .channels()
        .create(channel)
        .map(
            created ->
                ResponseEntity.created(URI.create("/api/v1/channels/" + created.id()))
                    .eTag(Params.etag(created.version()))
                    .body(ChannelView.of(created, Role.OWNER)));
  }

  /**
   * Lists channels: the caller's own ({@code scope=joined}, the default, in id order) or the public
   * ones ({@code scope=public}, in name order).
   *
   * @param caller the caller
   * @param scope {@code joined} or {@code public}
   * @param after the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page
   */
  @GetMapping
  public Mono<Page<ChannelView>> list(
      Caller caller,
      @RequestParam(required = false) @Nullable String scope,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit) {
    if (scope == null || scope.equals("joined")) {
      return cursors
          .request(Cursors.CHANNEL, null, after, "after", limit)
          .read(
              Mono.just(caller),
              (c, page) ->
                  storage
                      .channels()
                      .pageMemberships(c.userId(), page.after(), page.limit())
                      .concatMap(
                          m ->
                              storage
                                  .channels()
                                  .findById(m.channelId())
                                  .map(channel -> ChannelView.of(channel, m.role())),
                          4),
              v -> v,
              v -> ChannelId.parse(v.id()));
    }
    if (scope.equals("public")) {
      Page.Request<String> page =
          cursors.request(Cursors.CHANNEL_NAME, null, after, "after", limit);
      return storage
          .channels()
          .page(page.after(), page.limit())
          .collectList()
          .flatMap(
              scanned ->
                  Flux.fromIterable(scanned)
                      .filter(c -> c.visibility() == Visibility.PUBLIC)
                      .concatMap(
                          c ->
                              policy
                                  .membership(c.id(), caller.userId())
                                  .map(
                                      m -> ChannelView.of(c, m.map(Membership::role).orElse(null))))
                      .collectList()
                      .map(items -> new Page<>(items, page.next(scanned, Channel::name))));
    }
    throw ApiException.invalid("scope must be joined or public");
  }

  /**
   * Reads a channel.
   *
   * @param caller the caller
   * @param id the channel id
   * @return the channel with its ETag
   */
  @GetMapping("/{id}")
  public Mono<ResponseEntity<ChannelView>> get(Caller caller, @PathVariable String id) {
    return policy
        .channel(caller, Ids.channel(id), Action.READ)
        .map(
            s ->
                ResponseEntity.ok()
                    .eTag(Params.etag(s.channel().version()))
                    .body(ChannelView.of(s.channel(), s.role())));
  }

  /**
   * Changes a channel (admins and owners). With {@code If-Match}, only if the version matches.
   *
   * @param caller the caller
   * @param id the channel id
   * @param ifMatch optional expected version
   * @param body the change: {@code name}, {@code topic}, {@code visibility}, {@code category} (null
   *     clears), {@code archived}; absent fields stay
   * @return the channel as stored
   */
  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<ChannelView>> update(
      Caller caller,
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestBody JsonNode body) {
    ChannelId channelId = Ids.channel(id);
    JsonPatchBody change =
        new JsonPatchBody(body, Set.of("name", "topic", "visibility", "category", "archived"));
    String name = change.text("name", false);
    String topic = change.text("topic", false);
    String visibilityText = change.text("visibility", false);
    String category = change.text("category", true);
    Boolean archived = change.bool("archived");
    if (name != null) {
      NewChannel.name(name);
    }
    if (topic != null) {
      NewChannel.topic(topic);
    }
    Visibility visibility =
        visibilityText == null
            ? null
            : Params.lowerEnum(Visibility.class, visibilityText, "visibility", Visibility.PUBLIC);
    Long expected = ifMatch == null ? null : Params.ifMatch(ifMatch);
    return policy
        .channel(caller, channelId, Action.CHANGE_CHANNEL)
        .flatMap(
            s -> {
              Channel c = s.channel();
              long version = expected == null ? c.version() : expected;
              if (expected != null && expected != c.version()) {
                return Mono.error(Params.preconditionFailed());
              }
              ChannelUpdate update = ChannelUpdate.of(c);
              if (name != null) {
                update = update.withName(name);
              }
              if (topic != null) {
                update = update.withTopic(topic);
              }
              if (visibility != null) {
                update = update.withVisibility(visibility);
              }
              if (change.has("category")) {
                update = update.withCategory(category);
              }
              Mono<Channel> result =
                  update.equals(ChannelUpdate.of(c))
                      ? Mono.just(c)
                      : storage
                          .channels()
                          .update(channelId, version, update)
                          .onErrorMap(
                              e ->
                                  expected != null
                                      && e instanceof ConflictException ce
                                      && ce.reason() == ConflictException.Reason.VERSION_MISMATCH,
                              e -> Params.preconditionFailed());
              if (archived != null) {
                boolean archive = archived;
                result =
                    result.flatMap(
                        updated ->
                            archive
                                ? storage.channels().archive(channelId)
                                : storage.channels().unarchive(channelId));
              }
              return result.map(
                  updated ->
                      ResponseEntity.ok()
                          .eTag(Params.etag(updated.version()))
                          .body(ChannelView.of(updated, s.role())));
            });
  }

  /**
   * Deletes a channel with its messages (owners only).
   *
   * @param caller the caller
   * @param id the channel id
   * @return 204
   */
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public Mono<Void> delete(Caller caller, @PathVariable String id) {
    ChannelId channelId = Ids.channel(id);
    return policy
        .channel(caller, channelId, Action.DELETE_CHANNEL)
        .flatMap(s -> storage.channels().delete(channelId));
  }
}
