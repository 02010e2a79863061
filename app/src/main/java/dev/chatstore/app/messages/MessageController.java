package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A channel's messages: {@code /api/v1/channels/{id}/messages}. One GET serves three
 * representations chosen by {@code Accept}: a JSON page (default), the NDJSON history, and
 * server-sent events. Access is checked before the first byte is written, so an error is still a
 * proper status; once a stream has started, its status cannot change.
 *
 * @param storage the storage
 * @param policy the permission rules
 * @param service decides what a history request reads
 * @param encoder writes history
 * @param views renders messages with their reactions
 */
@RestController
@RequestMapping("/api/v1/channels/{id}/messages")
public record MessageController(
    Storage storage,
    ChannelPolicy policy,
    HistoryService service,
    StreamEncoder encoder,
    MessageViews views) {

  private static final List<MediaType> PRODUCED =
      List.of(
          MediaType.APPLICATION_JSON, MediaType.APPLICATION_NDJSON, MediaType.TEXT_EVENT_STREAM);

  /**
   * A message to post.
   *
   * @param body 1 to 16,000 characters
   * @param parentId the message replied to, in the same channel, or null
   */
  public record NewMessageBody(String body, @Nullable String parentId) {

    /** Checks what can be checked without I/O. */
    public NewMessageBody {
      if (body == null) {
        throw new IllegalArgumentException("body is required");
      }
      NewMessage.body(body);
      if (parentId != null) {
        MessageId.parse(parentId);
      }
    }
  }

  /**
   * Posts a message. With an {@code Idempotency-Key}, a retry with the same key and payload returns
   * the original message with 200 and stores nothing; the same key with another payload is a 422.
   *
   * @param caller the caller
   * @param id the channel
   * @param key the optional idempotency key (1 to 128 printable ASCII characters)
   * @param body the message
   * @return 201 with the message, or 200 for a replay
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = "application/json")
  public Mono<ResponseEntity<MessageView>> post(
      Caller caller,
      @PathVariable String id,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @RequestBody NewMessageBody body) {
    ChannelId channelId = Ids.channel(id);
    NewMessage message =
        new NewMessage(
            channelId,
            caller.userId(),
            body.body(),
            body.parentId() == null ? null : MessageId.parse(body.parentId()),
            idempotencyKey(channelId, caller, key));
    return policy
        .channel(caller, channelId, Action.POST)
        .then(storage.messages().post(message))
        .onErrorMap(
            e -> e instanceof InvalidArgumentException && message.parentId() != null,
            e ->
                ApiException.invalid(
                    "parentId must name a message of the same channel: " + e.getMessage()))
        .flatMap(
            result -> {
              Message m = result.message();
              Mono<MessageView> view =
                  result.replayed()
                      ? views.view(m, caller.userId())
                      : Mono.just(views.withoutReactions(m));
              return view.map(
                  v ->
                      ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                          .location(URI.create("/api/v1/messages/" + m.id()))
                          .eTag(Params.etag(m.version()))
                          .body(v));
            });
  }

  /**
   * Reads history. By {@code Accept}:
   *
   * <ul>
   *   <li>{@code application/json} (default): a page {@code {items, next}}, newest first without a
   *       cursor or with {@code before}, oldest first with {@code after}; pass {@code next} in the
   *       same parameter for the following page.
   *   <li>{@code application/x-ndjson}: the whole history after {@code after}, oldest first, one
   *       message a line, read from the database as the client reads; with {@code follow=true} it
   *       stays open, writes new messages as they commit, and writes an empty line every heartbeat
   *       interval while idle (clients skip empty lines).
   *   <li>{@code text/event-stream}: history after {@code after} (or after {@code Last-Event-ID})
   *       and then live messages, each an event {@code message} whose {@code id} is its cursor;
   *       heartbeat comments while idle.
   * </ul>
   *
   * <p>Deleted messages are left out unless {@code includeDeleted=true}, which returns their
   * tombstones in their places in all three.
   *
   * @param caller the caller
   * @param id the channel
   * @param before a cursor: messages before it
   * @param after a cursor: messages after it
   * @param limit page size 1 to 500 (JSON pages only), default 50
   * @param follow NDJSON only: stay open for new messages
   * @param includeDeleted {@code true}: deleted messages come in their places as tombstones ({@code
   *     deletedAt} set, empty body), in every representation; default false
   * @param lastEventId SSE resume point
   * @param accept the Accept header
   * @param exchange the exchange to write to
   * @return completion of the response
   */
  @GetMapping
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "a page, the NDJSON history, or events, by Accept",
      content = {
        @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(implementation = MessagePage.class)),
        @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/x-ndjson",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(implementation = MessageView.class)),
        @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/event-stream")
      })
  public Mono<Void> history(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String before,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit,
      @RequestParam(required = false) @Nullable String follow,
      @RequestParam(required = false) @Nullable String includeDeleted,
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
      ServerWebExchange exchange) {
    ChannelId channelId = Ids.channel(id);
    MediaType type = negotiate(accept);
    int size = Params.limit(limit);
    boolean following = Params.flag(follow, "follow");
    boolean tombstones = Params.flag(includeDeleted, "includeDeleted");
    ServerHttpResponse response = exchange.getResponse();
    if (type.equals(MediaType.APPLICATION_JSON)) {
      return service
          .page(caller, channelId, before, after, size, tombstones)
          .flatMap(page -> encoder.json(response, page));
    }
    boolean sse = type.equals(MediaType.TEXT_EVENT_STREAM);
    return service.stream(
            caller,
            channelId,
            before,
            after,
            sse ? lastEventId : null,
            sse || following,
            tombstones)
        .flatMap(
            batches ->
                sse
                    ? encoder.sse(response, batches)
                    : encoder.ndjson(response, batches, following));
  }

  /**
   * The JSON page shape, for the OpenAPI document.
   *
   * @param items the messages
   * @param next the cursor of the next page, or null
   */
  record MessagePage(List<MessageView> items, @Nullable String next) {}

  /** Checks an {@code Idempotency-Key} with the rule of {@link NewMessage}, naming the header. */
  private static @Nullable String idempotencyKey(
      ChannelId channel, Caller caller, @Nullable String key) {
    try {
      return key == null
          ? null
          : new NewMessage(channel, caller.userId(), ".", null, key).clientTxnId();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "Idempotency-Key must be 1 to 128 printable ASCII characters without spaces");
    }
  }

  /**
   * Content negotiation: the first representation the {@code Accept} header admits, by quality.
   *
   * @param accept the header, or null for JSON
   * @return JSON, NDJSON or SSE
   * @throws ApiException 406 when none is acceptable
   */
  static MediaType negotiate(@Nullable String accept) {
    if (accept == null || accept.isBlank()) {
      return MediaType.APPLICATION_JSON;
    }
    List<MediaType> wanted;
    try {
      wanted = MediaType.parseMediaTypes(accept);
    } catch (RuntimeException e) {
      throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "malformed Accept");
    }
    wanted = new ArrayList<>(wanted);
    wanted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType w : wanted) {
      if (w.getQualityValue() <= 0) {
        continue;
      }
      for (MediaType p : PRODUCED) {
        if (w.includes(p)) {
          return p;
        }
      }
    }
    throw new ApiException(
        HttpStatus.NOT_ACCEPTABLE,
        "not_acceptable",
        "history is available as application/json, application/x-ndjson or text/event-stream");
  }
}
