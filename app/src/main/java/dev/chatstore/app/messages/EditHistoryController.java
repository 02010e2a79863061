package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Edit history: {@code GET /api/v1/messages/{id}/edits}, the previous bodies of a message, oldest
 * first. Readable by the message's author and by admins and owners of its channel (403 for other
 * readers, 404 for those who cannot read the channel).
 */
@RestController
@RequestMapping(path = "/api/v1/messages/{id}/edits", produces = MediaType.APPLICATION_JSON_VALUE)
public class EditHistoryController {

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
  public EditHistoryController(Storage storage, ChannelPolicy policy, Cursors cursors) {
    this.storage = storage;
    this.policy = policy;
    this.cursors = cursors;
  }

  /**
   * A previous body.
   *
   * @param version the message version that carried it
   * @param body the body as it was
   * @param editedBy who replaced it
   * @param editedAt when it was replaced
   */
  public record EditView(long version, String body, String editedBy, Instant editedAt) {

    static EditView of(MessageEdit e) {
      return new EditView(e.version(), e.body(), e.editedBy().toString(), e.editedAt());
    }
  }

  /**
   * Pages through the previous bodies, oldest first.
   *
   * @param caller the caller
   * @param id the message
   * @param after the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of previous bodies
   */
  @GetMapping
  public Mono<Page<EditView>> list(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit) {
    MessageId messageId = Ids.message(id);
    Page.Request<Long> page =
        cursors.request(Cursors.EDIT, messageId.value(), after, "after", limit);
    return policy
        .message(caller, messageId, Action.READ_EDITS)
        .flatMap(
            l -> storage.messages().edits(messageId, page.afterOr(0L), page.limit()).collectList())
        .map(list -> page.page(list, EditView::of, MessageEdit::version));
  }
}
