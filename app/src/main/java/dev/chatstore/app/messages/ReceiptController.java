package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.channels.MembershipView;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
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
  private final ChannelPolicy policy;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param policy the permission rules
   * @param cursors the cursor codec
   */
  public ReceiptController(Storage storage, ChannelPolicy policy, Cursors cursors) {
    this.storage = storage;
    this.policy = policy;
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
    Page.Request<UserId> page =
        cursors.request(Cursors.RECEIPT, messageId.value(), after, "after", limit);
    return policy
        .message(caller, messageId, Action.READ)
        .flatMap(
            located ->
                storage
                    .messages()
                    .readReceipts(
                        located.message().channelId(),
                        located.message().seq(),
                        page.after(),
                        page.limit())
                    .collectList())
        .map(list -> page.page(list, MembershipView::of, Membership::userId));
  }
}
