package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelAccess;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finds a message together with the caller's standing in its channel. A message in a channel the
 * caller may not read is reported like a missing one (404 {@code message_not_found}), so its
 * existence does not leak.
 */
@Component
public class MessageAccess {

  private final Storage storage;
  private final ChannelAccess access;

  /**
   * Creates the helper.
   *
   * @param storage the storage
   * @param access the channel access checker
   */
  public MessageAccess(Storage storage, ChannelAccess access) {
    this.storage = storage;
    this.access = access;
  }

  /**
   * A message and the caller's standing in its channel.
   *
   * @param message the message
   * @param standing the standing
   */
  public record Located(Message message, ChannelAccess.Standing standing) {}

  /**
   * Loads a message the caller may read.
   *
   * @param caller the caller
   * @param id the message
   * @return a {@code Mono} of the message and standing; 404 when missing or unreadable
   */
  public Mono<Located> readable(Caller caller, MessageId id) {
    return storage
        .messages()
        .findById(id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("message")))
        .flatMap(
            m ->
                access
                    .readable(caller, m.channelId())
                    .onErrorMap(
                        e -> e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND,
                        e -> ApiException.notFound("message"))
                    .map(s -> new Located(m, s)));
  }
}
