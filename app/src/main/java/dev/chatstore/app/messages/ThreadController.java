package dev.chatstore.app.messages;

import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
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
  private final ChannelPolicy policy;
  private final MessageViews views;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param policy the permission rules
   * @param views renders messages with their reactions
   * @param cursors the cursor codec
   */
  public ThreadController(
      Storage storage, ChannelPolicy policy, MessageViews views, Cursors cursors) {
    this.storage = storage;
    this.policy = policy;
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
    Page.Request<Long> page = cursors.request(Cursors.REPLY, rootId.value(), after, "after", limit);
    return policy
        .message(caller, rootId, Action.READ)
        .flatMap(
            located ->
                storage
                    .messages()
                    .replies(rootId, page.afterOr(0L), page.limit())
                    .collectList()
                    .flatMap(
                        replies -> {
                          List<Message> all = new ArrayList<>(replies.size() + 1);
                          all.add(located.message());
                          all.addAll(replies);
                          return views.views(all, caller.userId());
                        })
                    .map(
                        all -> {
                          List<MessageView> items = List.copyOf(all.subList(1, all.size()));
                          return new ThreadPage(
                              all.get(0), items, page.next(items, MessageView::seq));
                        }));
  }
}
