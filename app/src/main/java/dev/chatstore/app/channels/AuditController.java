package dev.chatstore.app.channels;

import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.storage.AuditEntry;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.ChannelId;
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
 * A channel's audit log: {@code GET /api/v1/channels/{id}/audit}, newest first. Admins and owners
 * of the channel only (403 for other readers, 404 for those who cannot read the channel).
 */
@RestController
@RequestMapping(path = "/api/v1/channels/{id}/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

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
  public AuditController(Storage storage, ChannelPolicy policy, Cursors cursors) {
    this.storage = storage;
    this.policy = policy;
    this.cursors = cursors;
  }

  /**
   * An audit entry as the API shows it.
   *
   * @param id the id
   * @param channelId the channel
   * @param actorId who made the change, or null (such as the retention job)
   * @param action what changed, such as {@code member_added} or {@code message_deleted}
   * @param targetUserId the member concerned, or null
   * @param targetMessageId the message concerned, or null
   * @param detail a short machine-readable detail such as {@code role=ADMIN}; possibly empty
   * @param at when the change committed
   */
  public record AuditView(
      String id,
      String channelId,
      @Nullable String actorId,
      String action,
      @Nullable String targetUserId,
      @Nullable String targetMessageId,
      String detail,
      Instant at) {

    static AuditView of(AuditEntry e) {
      return new AuditView(
          e.id().toString(),
          e.channelId().toString(),
          e.actorId() == null ? null : e.actorId().toString(),
          ChannelView.lower(e.action().name()),
          e.targetUserId() == null ? null : e.targetUserId().toString(),
          e.targetMessageId() == null ? null : e.targetMessageId().toString(),
          e.detail(),
          e.at());
    }
  }

  /**
   * Pages through the audit log, newest first.
   *
   * @param caller the caller
   * @param id the channel
   * @param cursor the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of entries
   */
  @GetMapping
  public Mono<Page<AuditView>> list(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable String limit) {
    ChannelId channelId = Ids.channel(id);
    Page.Request<AuditId> page = cursors.request(Cursors.AUDIT, null, cursor, "cursor", limit);
    return policy
        .channel(caller, channelId, Action.READ_AUDIT)
        .flatMap(s -> storage.audit().page(channelId, page.after(), page.limit()).collectList())
        .map(list -> page.page(list, AuditView::of, AuditEntry::id));
  }
}
