package dev.chatstore.app.search;

import dev.chatstore.app.messages.HistoryService;
import dev.chatstore.app.messages.MessageView;
import dev.chatstore.app.messages.MessageViews;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.SearchHit;
import dev.chatstore.storage.SearchOrder;
import dev.chatstore.storage.SearchQuery;
import dev.chatstore.storage.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Full-text search: {@code GET /api/v1/search}, over the messages of the channels the caller may
 * read (public channels and the caller's own). Terms are whole words, matched case-insensitively; a
 * trailing {@code *} makes a term a prefix; every term must match (at most 16 terms, 200
 * characters). The cursor is signed and bound to the query it came from: it is rejected with 400
 * for another query or order.
 *
 * @param history reads what the caller may read
 * @param views renders messages with their reactions
 * @param cursors the cursor codec
 */
@RestController
@RequestMapping(path = "/api/v1/search", produces = MediaType.APPLICATION_JSON_VALUE)
public record SearchController(HistoryService history, MessageViews views, Cursors cursors) {

  /**
   * The last hit of a page, bound to the query's fingerprint: its keyset fields (id, channel,
   * position, author, time) and score, which is all a backend compares; the body is not carried.
   */
  static final Cursors.Layout<SearchHit> HIT =
      new Cursors.Layout<>(
          Cursors.Kind.SEARCH,
          "query",
          16 + 16 + 8 + 16 + 8 + 8,
          SearchController::write,
          SearchController::read);

  /**
   * One search result.
   *
   * @param score how well it matched, higher is better (comparable within one query only)
   * @param message the message
   */
  public record Hit(double score, MessageView message) {}

  /**
   * A page of results.
   *
   * @param items the hits in the requested order
   * @param next the cursor of the next page (pass it as {@code cursor}), or null after the last
   */
  public record Results(List<Hit> items, @Nullable String next) {}

  /**
   * Searches.
   *
   * @param caller the caller
   * @param q the query text
   * @param channel only this channel (an id)
   * @param author only this author (a user id)
   * @param from only messages posted at or after this instant (ISO-8601)
   * @param to only messages posted before this instant (ISO-8601)
   * @param order {@code relevance} (default) or {@code recency}
   * @param cursor the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of hits
   */
  @GetMapping
  public Mono<Results> search(
      Caller caller,
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String channel,
      @RequestParam(required = false) @Nullable String author,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String order,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable String limit) {
    if (q == null) {
      throw ApiException.invalid("q is required");
    }
    int size = Params.limit(limit);
    ChannelId channelId = channel == null ? null : ChannelId.of(uuid(channel, "channel"));
    UserId authorId = author == null ? null : UserId.of(uuid(author, "author"));
    Instant since = instant(from, "from");
    Instant until = instant(to, "to");
    SearchOrder sorted = Params.lowerEnum(SearchOrder.class, order, "order", SearchOrder.RELEVANCE);
    try {
      SearchQuery.of(q, caller.userId(), size);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(
          "q must be 1 to 200 characters with 1 to " + SearchQuery.MAX_TERMS + " words");
    }
    SearchQuery first =
        new SearchQuery(q, caller.userId(), channelId, authorId, since, until, sorted, null, size);
    Page.Request<SearchHit> page =
        cursors.request(HIT, fingerprint(first), cursor, "cursor", limit);
    SearchQuery query = page.after() == null ? first : first.next(page.after());
    return history
        .search(caller, query)
        .flatMap(
            hits ->
                views
                    .views(hits.stream().map(SearchHit::message).toList(), caller.userId())
                    .map(
                        rendered -> {
                          List<Hit> items = new ArrayList<>(hits.size());
                          for (int i = 0; i < hits.size(); i++) {
                            items.add(new Hit(hits.get(i).score(), rendered.get(i)));
                          }
                          return new Results(items, page.next(hits, hit -> hit));
                        }));
  }

  private static UUID uuid(String text, String name) {
    try {
      if (text.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(name + " must be an id");
    }
  }

  private static @Nullable Instant instant(@Nullable String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  /** Binds a cursor to the query's text, filters and order (not to its page size). */
  private static UUID fingerprint(SearchQuery query) {
    String key =
        String.join(
            "\u0000",
            query.text(),
            String.valueOf(query.channel()),
            String.valueOf(query.author()),
            String.valueOf(query.from()),
            String.valueOf(query.to()),
            query.order().name());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Cursors.uuid(ByteBuffer.wrap(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static void write(ByteBuffer b, SearchHit last) {
    Message m = last.message();
    Cursors.putUuid(b, m.id().value());
    Cursors.putUuid(b, m.channelId().value());
    b.putLong(m.seq());
    Cursors.putUuid(b, m.authorId().value());
    b.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, m.createdAt()));
    b.putLong(Double.doubleToRawLongBits(last.score()));
  }

  private static SearchHit read(ByteBuffer b) {
    MessageId id = MessageId.of(Cursors.uuid(b));
    ChannelId channel = ChannelId.of(Cursors.uuid(b));
    long seq = b.getLong();
    UserId author = UserId.of(Cursors.uuid(b));
    Instant createdAt = Instant.EPOCH.plus(b.getLong(), ChronoUnit.MICROS);
    double score = Double.longBitsToDouble(b.getLong());
    return new SearchHit(
        new Message(id, channel, seq, author, "", null, null, createdAt, null, null, 1), score);
  }
}
