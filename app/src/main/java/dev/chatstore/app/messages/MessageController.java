package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelAccess;
import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.HistoryQuery;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel's messages: {@code /api/v1/channels/{id}/messages}. One GET serves three
 * representations chosen by {@code Accept}: a JSON page (default), the NDJSON history, and
 * server-sent events. Access is checked before the first byte is written, so an error is still a
 * proper status; once a stream has started, its status cannot change.
 */
@RestController
@RequestMapping("/api/v1/channels/{id}/messages")
public class MessageController {

  /** The NDJSON media type. */
  public static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

  /**
   * Messages per written chunk. Flushing every element costs throughput (spring-framework#33224); a
   * chunk of 64 small lines is a few tens of KiB, and a live stream flushes a partial chunk after
   * {@link #LINGER} anyway.
   */
  private static final int CHUNK = 64;

  /**
   * Messages whose reactions are read with one {@code ReactionStore.summarize} query: a stream
   * costs one extra query per 256 messages rather than per written chunk, while holding at most a
   * few batches (with prefetch 1 at each stage) besides the store's page.
   */
  private static final int REACTION_BATCH = 256;

  private static final Duration LINGER = Duration.ofMillis(5);
  private static final Duration RESUME_FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration RESUME_MAX_BACKOFF = Duration.ofSeconds(2);
  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] SSE_HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  private final Storage storage;
  private final ChannelAccess access;
  private final Cursors cursors;
  private final JsonMapper json;
  private final LiveStreams live;
  private final Duration heartbeat;
  private final MessageViews views;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param access the access checker
   * @param cursors the cursor codec
   * @param json the JSON mapper
   * @param live ends live streams at shutdown
   * @param properties the settings (heartbeat interval)
   * @param views renders messages with their reactions
   */
  public MessageController(
      Storage storage,
      ChannelAccess access,
      Cursors cursors,
      JsonMapper json,
      LiveStreams live,
      ChatstoreProperties properties,
      MessageViews views) {
    this.storage = storage;
    this.access = access;
    this.cursors = cursors;
    this.json = json;
    this.live = live;
    this.heartbeat = properties.heartbeat();
    this.views = views;
  }

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
    NewMessage message;
    try {
      message =
          new NewMessage(
              channelId,
              caller.userId(),
              body.body(),
              body.parentId() == null ? null : MessageId.parse(body.parentId()),
              key);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          e.getMessage() != null && e.getMessage().startsWith("clientTxnId")
              ? "Idempotency-Key must be 1 to 128 printable ASCII characters without spaces"
              : e.getMessage());
    }
    return access
        .postable(caller, channelId)
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
   * @param caller the caller
   * @param id the channel
   * @param before a cursor: messages before it
   * @param after a cursor: messages after it
   * @param limit page size 1 to 500 (JSON pages only), default 50
   * @param follow NDJSON only: stay open for new messages
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
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
      ServerWebExchange exchange) {
    ChannelId channelId = Ids.channel(id);
    MediaType type = negotiate(accept);
    int size = Params.limit(limit);
    boolean following = Params.flag(follow, "follow");
    if (before != null && after != null) {
      throw ApiException.invalid("use before or after, not both");
    }
    Long beforeSeq = before == null ? null : cursors.message(channelId, before, "before");
    long afterSeq = after == null ? 0 : cursors.message(channelId, after, "after");
    if (type.equals(MediaType.TEXT_EVENT_STREAM) && lastEventId != null && !lastEventId.isEmpty()) {
      afterSeq = cursors.message(channelId, lastEventId, "Last-Event-ID");
    }
    if (!type.equals(MediaType.APPLICATION_JSON) && beforeSeq != null) {
      throw ApiException.invalid("streams run forward: use after, not before");
    }
    long from = afterSeq;
    ServerHttpResponse response = exchange.getResponse();
    return access
        .readable(caller, channelId)
        .flatMap(
            standing -> {
              if (type.equals(MediaType.APPLICATION_JSON)) {
                HistoryQuery query =
                    beforeSeq != null
                        ? HistoryQuery.before(channelId, beforeSeq, size)
                        : after != null
                            ? HistoryQuery.after(channelId, from, size)
                            : HistoryQuery.latest(channelId, size);
                return page(query, caller.userId(), response);
              }
              if (type.equals(NDJSON)) {
                return ndjson(channelId, from, following, caller.userId(), response);
              }
              return sse(channelId, from, caller.userId(), response);
            });
  }

  /**
   * The JSON page shape, for the OpenAPI document.
   *
   * @param items the messages
   * @param next the cursor of the next page, or null
   */
  record MessagePage(List<MessageView> items, @Nullable String next) {}

  private Mono<Void> page(HistoryQuery query, UserId viewer, ServerHttpResponse response) {
    return storage
        .messages()
        .page(query)
        .collectList()
        .flatMap(messages -> views.views(messages, viewer))
        .flatMap(
            (List<MessageView> items) -> {
              String next =
                  items.size() < query.limit()
                      ? null
                      : cursors.message(query.channelId(), items.get(items.size() - 1).seq());
              byte[] bytes = json.writeValueAsBytes(new Page<>(items, next));
              response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
              response.getHeaders().setContentLength(bytes.length);
              return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
            });
  }

  private Mono<Void> ndjson(
      ChannelId channel,
      long after,
      boolean following,
      UserId viewer,
      ServerHttpResponse response) {
    DataBufferFactory buffers = response.bufferFactory();
    response.getHeaders().setContentType(NDJSON);
    response.getHeaders().setCacheControl("no-store");
    Flux<DataBuffer> body;
    if (!following) {
      body =
          storage.messages().stream(channel, after, Direction.FORWARD)
              .buffer(REACTION_BATCH)
              .concatMap(batch -> views.views(batch, viewer), 1)
              .concatMapIterable(MessageController::chunks, 1)
              .map(chunk -> join(buffers, chunk.stream().map(this::line).toList()));
    } else {
      Flux<DataBuffer> messages =
          liveChunks(channel, after, viewer)
              .map(chunk -> join(buffers, chunk.stream().map(this::line).toList()));
      body =
          live.untilShutdown(
              Flux.merge(
                  Mono.fromSupplier(() -> buffers.allocateBuffer(0)),
                  messages,
                  heartbeats().map(t -> buffers.wrap(NEWLINE))));
    }
    return response.writeWith(body);
  }

  private Mono<Void> sse(
      ChannelId channel, long after, UserId viewer, ServerHttpResponse response) {
    DataBufferFactory buffers = response.bufferFactory();
    response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
    response.getHeaders().setCacheControl("no-store");
    response.getHeaders().set("X-Accel-Buffering", "no");
    Flux<DataBuffer> events =
        liveChunks(channel, after, viewer)
            .map(chunk -> join(buffers, chunk.stream().map(this::event).toList()));
    Flux<DataBuffer> body =
        live.untilShutdown(
            Flux.merge(
                Mono.fromSupplier(
                    () -> buffers.wrap("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8))),
                events,
                heartbeats().map(t -> buffers.wrap(SSE_HEARTBEAT))));
    return response.writeWith(body);
  }

  /**
   * The live follow as chunks of views, resumed after the last message sent when the database fails
   * transiently (a restart, a lost connection), so that a live stream outlives the outage.
   */
  private Flux<List<MessageView>> liveChunks(ChannelId channel, long after, UserId viewer) {
    return ResumingFollow.of(
        after,
        from ->
            storage
                .messages()
                .follow(channel, from)
                .bufferTimeout(REACTION_BATCH, LINGER, true)
                .concatMap(batch -> views.views(batch, viewer), 1)
                .concatMapIterable(MessageController::chunks, 1),
        chunk -> chunk.get(chunk.size() - 1).seq(),
        RESUME_FIRST_BACKOFF,
        RESUME_MAX_BACKOFF);
  }

  private Flux<Long> heartbeats() {
    return Flux.interval(heartbeat, heartbeat).onBackpressureDrop();
  }

  private byte[] line(MessageView view) {
    byte[] bytes = json.writeValueAsBytes(view);
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = '\n';
    return out;
  }

  private byte[] event(MessageView view) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(
        ("id: " + view.cursor() + "\nevent: message\ndata: ").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(json.writeValueAsBytes(view));
    out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Splits a batch into written chunks of at most {@link #CHUNK}. */
  private static List<List<MessageView>> chunks(List<MessageView> batch) {
    List<List<MessageView>> chunks = new java.util.ArrayList<>((batch.size() + CHUNK - 1) / CHUNK);
    for (int i = 0; i < batch.size(); i += CHUNK) {
      chunks.add(batch.subList(i, Math.min(batch.size(), i + CHUNK)));
    }
    return chunks;
  }

  private static DataBuffer join(DataBufferFactory buffers, List<byte[]> chunks) {
    int size = 0;
    for (byte[] c : chunks) {
      size += c.length;
    }
    DataBuffer buffer = buffers.allocateBuffer(size);
    for (byte[] c : chunks) {
      buffer.write(c);
    }
    return buffer;
  }

  private static final List<MediaType> PRODUCED =
      List.of(MediaType.APPLICATION_JSON, NDJSON, MediaType.TEXT_EVENT_STREAM);

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
    wanted = new java.util.ArrayList<>(wanted);
    wanted.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
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
