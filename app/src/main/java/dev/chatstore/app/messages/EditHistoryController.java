package dev.chatstore.app.messages;

import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Role;
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
  private final MessageAccess messages;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param messages finds messages the caller may read
   * @param cursors the cursor codec
   */
  public EditHistoryController(Storage storage, MessageAccess messages, Cursors cursors) {
    this.storage = storage;
    this.messages = messages;
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
    int size = Params.limit(limit);
    long from =
        after == null ? 0 : cursors.scoped(Cursors.Kind.EDIT, messageId.value(), after, "after");
    return messages
        .readable(caller, messageId)
        .flatMap(
            located -> {
              if (!located.message().authorId().equals(caller.userId())) {
                located.standing().require(Role.ADMIN, "reading another member's edit history");
              }
              return storage.messages().edits(messageId, from, size).collectList();
            })
        .map(
            list ->
                new Page<>(
                    list.stream().map(EditView::of).toList(),
                    list.size() < size
                        ? null
                        : cursors.scoped(
                            Cursors.Kind.EDIT,
                            messageId.value(),
                            list.get(list.size() - 1).version())));
  }
}
