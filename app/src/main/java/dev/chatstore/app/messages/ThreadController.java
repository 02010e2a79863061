package dev.chatstore.app.messages;

import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Threads: {@code GET /api/v1/messages/{id}/replies}. A reply is posted like any message, with
 * {@code parentId} in the body. Reading a thread needs read access to its channel.
 */
@RestController
@RequestMapping(path = "/api/v1/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
public class ThreadController {

  private final Storage storage;
  private final MessageAccess messages;
  private final MessageViews views;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param messages finds messages the caller may read
   * @param views renders messages with their reactions
   * @param cursors the cursor codec
   */
  public ThreadController(
      Storage storage, MessageAccess messages, MessageViews views, Cursors cursors) {
    this.storage = storage;
    this.messages = messages;
    this.views = views;
    this.cursors = cursors;
  }

  /**
   * A page of a thread.
   *
   * @param root the message replied to, with its {@code replyCount} and {@code lastReplyAt}
   * @param items the replies, oldest first (deleted replies skipped)
   * @param next the cursor of the next page (pass it as {@code after}), or null after the last
   */
  public record ThreadPage(MessageView root, List<MessageView> items, @Nullable String next) {}

  /**
   * Pages through the replies to a message, oldest first.
   *
   * @param caller the caller
   * @param id the root message
   * @param after the {@code next} cursor of the previous page (the cursor of a reply)
   * @param limit 1 to 500, default 50
   * @return the root and a page of its replies
   */
  @GetMapping("/replies")
  public Mono<ThreadPage> replies(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit) {
    MessageId rootId = Ids.message(id);
    int size = Params.limit(limit);
    long from =
        after == null ? 0 : cursors.scoped(Cursors.Kind.REPLY, rootId.value(), after, "after");
    return messages
        .readable(caller, rootId)
        .flatMap(
            located -> {
              Message root = located.message();
              return storage
                  .messages()
                  .replies(rootId, from, size)
                  .collectList()
                  .flatMap(
                      replies -> {
                        List<Message> all = new ArrayList<>(replies.size() + 1);
                        all.add(root);
                        all.addAll(replies);
                        return views.views(all, caller.userId());
                      })
                  .map(
                      all -> {
                        List<MessageView> items = all.subList(1, all.size());
                        String next =
                            items.size() < size
                                ? null
                                : cursors.scoped(
                                    Cursors.Kind.REPLY,
                                    rootId.value(),
                                    items.get(items.size() - 1).seq());
                        return new ThreadPage(all.get(0), List.copyOf(items), next);
                      });
            });
  }
}
