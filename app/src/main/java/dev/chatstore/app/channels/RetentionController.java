package dev.chatstore.app.channels;

import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.storage.Actor;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.Storage;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A channel's retention policy: {@code /api/v1/channels/{id}/retention}. Whoever may read the
 * channel sees it; admins and owners set it with {@code {"days": 30}} or {@code {"keep": "P30D"}}
 * (an ISO-8601 duration of whole seconds), and clear it (keep forever) with {@code {"days": null}}
 * or {@code {"keep": null}}. The change is audited; the retention job purges what has expired.
 *
 * @param storage the storage
 * @param policy the permission rules
 */
@RestController
@RequestMapping(
    path = "/api/v1/channels/{id}/retention",
    produces = MediaType.APPLICATION_JSON_VALUE)
public record RetentionController(Storage storage, ChannelPolicy policy) {

  private static final Set<String> FIELDS = Set.of("days", "keep");
  private static final long MAX_DAYS = RetentionStore.MAX_RETENTION.toDays();

  /**
   * A retention policy.
   *
   * @param channelId the channel
   * @param keep how long messages are kept (ISO-8601, such as {@code P30D}), or null for forever
   * @param days the same in days when it is a whole number of days, else null
   */
  public record RetentionView(String channelId, @Nullable String keep, @Nullable Long days) {

    static RetentionView of(Channel channel) {
      Duration keep = channel.retention();
      if (keep == null) {
        return new RetentionView(channel.id().toString(), null, null);
      }
      boolean wholeDays = keep.getSeconds() % 86_400 == 0;
      return new RetentionView(
          channel.id().toString(), RetentionStore.format(keep), wholeDays ? keep.toDays() : null);
    }
  }

  /**
   * Reads the policy.
   *
   * @param caller the caller
   * @param id the channel
   * @return the policy
   */
  @GetMapping
  public Mono<RetentionView> get(Caller caller, @PathVariable String id) {
    return policy
        .channel(caller, Ids.channel(id), Action.READ)
        .map(s -> RetentionView.of(s.channel()));
  }

  /**
   * Sets or clears the policy.
   *
   * @param caller the caller
   * @param id the channel
   * @param body {@code {"days": n}} or {@code {"keep": "P30D"}}, either null to clear
   * @return the policy afterwards
   */
  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<RetentionView> put(
      Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
    ChannelId channelId = Ids.channel(id);
    Duration keep = parse(body);
    return policy
        .channel(caller, channelId, Action.SET_RETENTION)
        .flatMap(
            s ->
                storage
                    .retention()
                    .setPolicy(channelId, keep)
                    .contextWrite(Actor.of(caller.userId())))
        .onErrorMap(NotFoundException.class, e -> ApiException.notFound("channel"))
        .map(RetentionView::of);
  }

  static @Nullable Duration parse(JsonNode body) {
    if (!body.isObject()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "wrong_type", "the body must be an object");
    }
    for (String name : body.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST, "unknown_field", "unknown field '" + name + "'");
      }
    }
    if (body.has("days") == body.has("keep")) {
      throw ApiException.invalid("send either days or keep (null to keep messages forever)");
    }
    if (body.has("days")) {
      JsonNode days = body.get("days");
      if (days.isNull()) {
        return null;
      }
      if (!days.isIntegralNumber() || !days.canConvertToLong()) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST, "wrong_type", "field 'days' must be a whole number");
      }
      long n = days.longValue();
      if (n < 1 || n > MAX_DAYS) {
        throw ApiException.invalid("days must be from 1 to " + MAX_DAYS);
      }
      return Duration.ofDays(n);
    }
    JsonNode keep = body.get("keep");
    if (keep.isNull()) {
      return null;
    }
    if (!keep.isString()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "wrong_type", "field 'keep' must be an ISO-8601 duration");
    }
    Duration duration;
    try {
      duration = Duration.parse(keep.asString());
    } catch (DateTimeParseException e) {
      throw ApiException.invalid("keep must be an ISO-8601 duration such as P30D or PT12H");
    }
    return RetentionStore.checkKeep(duration);
  }
}
