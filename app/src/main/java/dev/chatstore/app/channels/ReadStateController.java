package dev.chatstore.app.channels;

import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.storage.Actor;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UnreadCount;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Read state: {@code PUT /api/v1/channels/{id}/read} moves the caller's read position forward
 * (members only; it never moves back, and never past the channel's newest message), and {@code GET
 * /api/v1/users/me/unread} lists the read state of every channel the caller belongs to, read with
 * one query.
 *
 * @param storage the storage
 * @param policy the permission rules
 */
@RestController
public record ReadStateController(Storage storage, ChannelPolicy policy) {

  /**
   * The position read up to.
   *
   * @param seq a message position, 0 or more
   */
  public record ReadBody(Long seq) {

    /** Checks the position. */
    public ReadBody {
      if (seq == null) {
        throw new IllegalArgumentException("seq is required");
      }
      if (seq < 0) {
        throw new IllegalArgumentException("seq must be 0 or more");
      }
    }
  }

  /**
   * A member's read state in a channel.
   *
   * @param channelId the channel
   * @param lastSeq the position of the channel's newest message
   * @param readSeq the position read up to
   * @param unread how many positions are unread
   */
  public record ReadState(String channelId, long lastSeq, long readSeq, long unread) {

    static ReadState of(UnreadCount c) {
      return new ReadState(c.channelId().toString(), c.lastSeq(), c.readSeq(), c.unread());
    }
  }

  /**
   * The read state of all the caller's channels.
   *
   * @param items one entry per channel, in channel-id order
   */
  public record UnreadList(List<ReadState> items) {}

  /**
   * Marks a channel read up to a position.
   *
   * @param caller the caller
   * @param id the channel
   * @param body the position
   * @return 200 with the read state afterwards
   */
  @PutMapping(
      path = "/api/v1/channels/{id}/read",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ReadState> markRead(
      Caller caller, @PathVariable String id, @RequestBody ReadBody body) {
    ChannelId channelId = Ids.channel(id);
    long seq = body.seq();
    return policy
        .channel(caller, channelId, Action.KEEP_READ_POSITION)
        .flatMap(
            s ->
                storage
                    .readState()
                    .markRead(channelId, caller.userId(), seq)
                    .contextWrite(Actor.of(caller.userId()))
                    .zipWith(storage.messages().latestSeq(channelId))
                    .map(
                        t ->
                            ReadState.of(
                                new UnreadCount(
                                    channelId, Math.max(t.getT1(), t.getT2()), t.getT1()))));
  }

  /**
   * Lists the read state of every channel the caller is a member of.
   *
   * @param caller the caller
   * @return the list (not paged: one entry per membership)
   */
  @GetMapping(path = "/api/v1/users/me/unread", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<UnreadList> unread(Caller caller) {
    return storage
        .readState()
        .unreadCounts(caller.userId())
        .map(ReadState::of)
        .collectList()
        .map(UnreadList::new);
  }
}
