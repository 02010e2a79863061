package dev.chatstore.app.messages;

import dev.chatstore.app.config.ChatstoreProperties;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes history to a response: a JSON document, NDJSON (one message a line) or server-sent events
 * (each message an event {@code message} whose {@code id} is its cursor). Live streams carry a
 * heartbeat while idle (an empty line in NDJSON, which clients skip; a comment in SSE), flush their
 * headers at once, and end at shutdown. Thread-safe.
 *
 * @param json the JSON mapper
 * @param live ends live streams at shutdown
 * @param properties the settings (heartbeat interval)
 */
@Component
public record StreamEncoder(JsonMapper json, LiveStreams live, ChatstoreProperties properties) {

  /**
   * Messages per written chunk. Flushing every element costs throughput (spring-framework#33224); a
   * chunk of 64 small lines is a few tens of KiB, and a live stream hands on a partial batch after
   * a few milliseconds anyway.
   */
  private static final int CHUNK = 64;

  private static final byte[] NEWLINE = {'\n'};
  private static final byte[] SSE_HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SSE_RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.UTF_8);

  /**
   * Writes one JSON document with its length.
   *
   * @param response the response
   * @param value the document
   * @return completion of the response
   */
  public Mono<Void> json(ServerHttpResponse response, Object value) {
    byte[] bytes = json.writeValueAsBytes(value);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().setContentLength(bytes.length);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
  }

  /**
   * Writes NDJSON.
   *
   * @param response the response
   * @param batches the messages
   * @param following whether the stream is live (heartbeats, ended at shutdown)
   * @return completion of the response
   */
  public Mono<Void> ndjson(
      ServerHttpResponse response, Flux<List<MessageView>> batches, boolean following) {
    DataBufferFactory buffers = response.bufferFactory();
    response.getHeaders().setContentType(MediaType.APPLICATION_NDJSON);
    response.getHeaders().setCacheControl("no-store");
    Flux<DataBuffer> messages = encode(buffers, batches, this::line);
    if (!following) {
      return response.writeWith(messages);
    }
    return response.writeWith(
        live(Mono.fromSupplier(() -> buffers.allocateBuffer(0)), messages, buffers, NEWLINE));
  }

  /**
   * Writes server-sent events.
   *
   * @param response the response
   * @param batches the messages, live
   * @return completion of the response
   */
  public Mono<Void> sse(ServerHttpResponse response, Flux<List<MessageView>> batches) {
    DataBufferFactory buffers = response.bufferFactory();
    response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
    response.getHeaders().setCacheControl("no-store");
    response.getHeaders().set("X-Accel-Buffering", "no");
    Flux<DataBuffer> events = encode(buffers, batches, this::event);
    return response.writeWith(
        live(Mono.fromSupplier(() -> buffers.wrap(SSE_RETRY)), events, buffers, SSE_HEARTBEAT));
  }

  /** A live body: what flushes the headers, the messages, and heartbeats; ended at shutdown. */
  private Flux<DataBuffer> live(
      Mono<DataBuffer> first, Flux<DataBuffer> messages, DataBufferFactory buffers, byte[] beat) {
    Flux<DataBuffer> heartbeats =
        Flux.interval(properties.heartbeat(), properties.heartbeat())
            .onBackpressureDrop()
            .map(t -> buffers.wrap(beat));
    return live.untilShutdown(Flux.merge(first, messages, heartbeats));
  }

  private static Flux<DataBuffer> encode(
      DataBufferFactory buffers,
      Flux<List<MessageView>> batches,
      Function<MessageView, byte[]> encoding) {
    return batches
        .concatMapIterable(StreamEncoder::chunks, 1)
        .map(chunk -> join(buffers, chunk.stream().map(encoding).toList()));
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
    List<List<MessageView>> chunks = new ArrayList<>((batch.size() + CHUNK - 1) / CHUNK);
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
}
