package dev.chatstore.app.messages;

import dev.chatstore.app.channels.MembershipView;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Read receipts: {@code GET /api/v1/messages/{id}/receipts}, the members whose read position has
 * reached the message, in user-id order. Readable by whoever may read the channel (as its member
 * list is).
 */
@RestController
@RequestMapping(
    path = "/api/v1/messages/{id}/receipts",
    produces = MediaType.APPLICATION_JSON_VALUE)
public class ReceiptController {

  private final Storage storage;
  private final MessageAccess messages;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param messages finds messages the caller may read
   * @param cursors the cursor codec
   */
  public ReceiptController(Storage storage, MessageAccess messages, Cursors cursors) {
    this.storage = storage;
    this.messages = messages;
    this.cursors = cursors;
  }

  /**
   * Pages through the members who have read up to the message.
   *
   * @param caller the caller
   * @param id the message
   * @param after the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of memberships (with their {@code readSeq})
   */
  @GetMapping
  public Mono<Page<MembershipView>> list(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit) {
    MessageId messageId = Ids.message(id);
    int size = Params.limit(limit);
    UserId from = after == null ? null : decode(messageId, after);
    return messages
        .readable(caller, messageId)
        .flatMap(
            located ->
                storage
                    .readState()
                    .readReceipts(
                        located.message().channelId(), located.message().seq(), from, size)
                    .collectList())
        .map(
            list ->
                new Page<>(
                    list.stream().map(MembershipView::of).toList(),
                    list.size() < size ? null : encode(messageId, list.get(list.size() - 1))));
  }

  private String encode(MessageId message, Membership last) {
    ByteBuffer payload = ByteBuffer.allocate(32);
    payload.putLong(message.value().getMostSignificantBits());
    payload.putLong(message.value().getLeastSignificantBits());
    payload.putLong(last.userId().value().getMostSignificantBits());
    payload.putLong(last.userId().value().getLeastSignificantBits());
    return cursors.bytes(Cursors.Kind.RECEIPT, payload.array());
  }

  private UserId decode(MessageId message, String text) {
    ByteBuffer payload = ByteBuffer.wrap(cursors.bytes(Cursors.Kind.RECEIPT, text, "after", 32));
    UUID scope = new UUID(payload.getLong(), payload.getLong());
    if (!scope.equals(message.value())) {
      throw ApiException.invalidCursor("after belongs to another message");
    }
    return UserId.of(new UUID(payload.getLong(), payload.getLong()));
  }
}
