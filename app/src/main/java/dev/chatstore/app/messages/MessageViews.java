package dev.chatstore.app.messages;

import dev.chatstore.app.web.Cursors;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.ReactionSummary;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns messages into {@link MessageView}s with their reactions and history cursors (and reads
 * those cursors back): one {@code ReactionStore.summarize} query per page or streamed chunk (of at
 * most 500 messages; a thread page, its root and 500 replies, takes two), never one per message.
 * Tombstones carry no reactions and are not asked about.
 *
 * @param storage the storage
 * @param cursors the cursor codec
 */
@Component
public record MessageViews(Storage storage, Cursors cursors) {

  /** The most ids one {@code summarize} call takes. */
  private static final int MAX_IDS = 500;

  /**
   * The views of a page or chunk of messages, in the same order.
   *
   * @param messages the messages
   * @param viewer whose own reactions to flag
   * @return a {@code Mono} of the views; no query when no message can have reactions
   */
  public Mono<List<MessageView>> views(List<Message> messages, UserId viewer) {
    List<MessageId> ids = new ArrayList<>(messages.size());
    for (Message m : messages) {
      if (m.deletedAt() == null) {
        ids.add(m.id());
      }
    }
    if (ids.isEmpty()) {
      return Mono.fromSupplier(() -> plain(messages, Map.of()));
    }
    if (ids.size() <= MAX_IDS) {
      return storage
          .reactions()
          .summarize(ids, viewer)
          .defaultIfEmpty(Map.of())
          .map(summaries -> plain(messages, summaries));
    }
    // a thread page is its root plus up to 500 replies: one query per 500 ids
    List<List<MessageId>> batches = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += MAX_IDS) {
      batches.add(ids.subList(i, Math.min(ids.size(), i + MAX_IDS)));
    }
    return Flux.fromIterable(batches)
        .concatMap(batch -> storage.reactions().summarize(batch, viewer))
        .collect(HashMap<MessageId, List<ReactionSummary>>::new, (all, part) -> all.putAll(part))
        .map(summaries -> plain(messages, summaries));
  }

  /**
   * The view of one message.
   *
   * @param message the message
   * @param viewer whose own reactions to flag
   * @return a {@code Mono} of the view
   */
  public Mono<MessageView> view(Message message, UserId viewer) {
    return views(List.of(message), viewer).map(list -> list.get(0));
  }

  /**
   * The view of a message known to have no reactions (such as one just posted), without a query.
   *
   * @param message the message
   * @return the view
   */
  public MessageView withoutReactions(Message message) {
    return MessageView.of(message, cursor(message));
  }

  private List<MessageView> plain(
      List<Message> messages, Map<MessageId, List<ReactionSummary>> summaries) {
    List<MessageView> views = new ArrayList<>(messages.size());
    for (Message m : messages) {
      views.add(MessageView.of(m, cursor(m), summaries.getOrDefault(m.id(), List.of())));
    }
    return views;
  }

  /**
   * Reads back a history cursor that {@link MessageView#cursor()} carries.
   *
   * @param channel the channel the request addresses
   * @param text the cursor
   * @param name the parameter it came in, for the error
   * @return the position
   * @throws dev.chatstore.app.web.ApiException 400 when malformed, forged or of another channel
   */
  public long position(ChannelId channel, String text, String name) {
    return cursors.decode(Cursors.MESSAGE, channel.value(), text, name);
  }

  private String cursor(Message m) {
    return cursors.encode(Cursors.MESSAGE, m.channelId().value(), m.seq());
  }
}
