package dev.chatstore.app.lists;

import dev.chatstore.app.channels.AuditView;
import dev.chatstore.app.channels.ChannelPolicy;
import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.channels.MembershipView;
import dev.chatstore.app.messages.MessageView;
import dev.chatstore.app.messages.MessageViews;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.PageParams;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The paged lists beside a channel's history, each paged by its own signed cursor ({@link
 * Page.Request#read}) after a permission check of {@link ChannelPolicy}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/channels/{id}/members}: the members, in user-id order; for whoever may
 *       read the channel.
 *   <li>{@code GET /api/v1/channels/{id}/audit}: the audit log, newest first; for admins and owners
 *       (403 for other readers).
 *   <li>{@code GET /api/v1/messages/{id}/replies}: a message's thread, oldest first (a reply is
 *       posted like any message, with {@code parentId} in the body); for whoever may read the
 *       channel.
 *   <li>{@code GET /api/v1/messages/{id}/edits}: a message's previous bodies, oldest first; for its
 *       author and the channel's admins and owners (403 for other readers).
 *   <li>{@code GET /api/v1/messages/{id}/receipts}: the members whose read position has reached a
 *       message, in user-id order; for whoever may read the channel.
 * </ul>
 *
 * A channel or message the caller cannot read is a 404, as a missing one.
 *
 * @param storage the storage
 * @param policy the permission rules
 * @param cursors the cursor codec
 * @param views renders messages with their reactions
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
public record ListsController(
    Storage storage, ChannelPolicy policy, Cursors cursors, MessageViews views) {

  /**
   * Pages through the members, in user-id order.
   *
   * @param caller the caller
   * @param id the channel
   * @param params {@code after} and {@code limit}
   * @return a page of memberships
   */
  @GetMapping("/api/v1/channels/{id}/members")
  public Mono<Page<MembershipView>> members(
      Caller caller, @PathVariable String id, @ParameterObject PageParams params) {
    ChannelId channelId = Ids.channel(id);
    return params
        .request(cursors, Cursors.USER, null)
        .read(
            policy.channel(caller, channelId, Action.READ),
            (s, page) -> storage.channels().pageMembers(channelId, page.after(), page.limit()),
            MembershipView::of,
            Membership::userId);
  }

  /**
   * Pages through a channel's audit log, newest first (admins and owners only).
   *
   * @param caller the caller
   * @param id the channel
   * @param cursor the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of entries
   */
  @GetMapping("/api/v1/channels/{id}/audit")
  public Mono<Page<AuditView>> audit(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable String limit) {
    ChannelId channelId = Ids.channel(id);
    return cursors
        .request(Cursors.AUDIT, null, cursor, "cursor", limit)
        .read(
            policy.channel(caller, channelId, Action.READ_AUDIT),
            (s, page) -> storage.audit().page(channelId, page.after(), page.limit()),
            AuditView::of,
            AuditEntry::id);
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
   * @param params {@code after} (the cursor of a reply) and {@code limit}
   * @return the root and a page of its replies
   */
  @GetMapping("/api/v1/messages/{id}/replies")
  public Mono<ThreadPage> replies(
      Caller caller, @PathVariable String id, @ParameterObject PageParams params) {
    MessageId rootId = Ids.message(id);
    Page.Request<Long> page = params.request(cursors, Cursors.REPLY, rootId.value());
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
   * @param params {@code after} and {@code limit}
   * @return a page of previous bodies
   */
  @GetMapping("/api/v1/messages/{id}/edits")
  public Mono<Page<EditView>> edits(
      Caller caller, @PathVariable String id, @ParameterObject PageParams params) {
    MessageId messageId = Ids.message(id);
    return params
        .request(cursors, Cursors.EDIT, messageId.value())
        .read(
            policy.message(caller, messageId, Action.READ_EDITS),
            (l, page) -> storage.messages().edits(messageId, page.afterOr(0L), page.limit()),
            EditView::of,
            MessageEdit::version);
  }

  /**
   * Pages through the members who have read up to the message.
   *
   * @param caller the caller
   * @param id the message
   * @param params {@code after} and {@code limit}
   * @return a page of memberships (with their {@code readSeq})
   */
  @GetMapping("/api/v1/messages/{id}/receipts")
  public Mono<Page<MembershipView>> receipts(
      Caller caller, @PathVariable String id, @ParameterObject PageParams params) {
    MessageId messageId = Ids.message(id);
    return params
        .request(cursors, Cursors.RECEIPT, messageId.value())
        .read(
            policy.message(caller, messageId, Action.READ),
            (l, page) ->
                storage
                    .readState()
                    .readReceipts(
                        l.message().channelId(), l.message().seq(), page.after(), page.limit()),
            MembershipView::of,
            Membership::userId);
  }
}
