package dev.chatstore.benchmarks.reference;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The statements the reference service runs: one per HTTP request. */
interface Backend extends AutoCloseable {

  /** The post's column list, in the order the rows are read. */
  String MESSAGE_COLUMNS =
      "id, channel_id, seq, author_id, body, parent_id, client_txn_id, created_at, edited_at,"
          + " deleted_at, version";

  /**
   * Posts a message: the channel's next position and the insert, committed before the Mono
   * completes.
   *
   * @return the stored message, or empty when the channel does not exist
   */
  Mono<MessageRow> post(UUID id, UUID channel, UUID author, String body, @Nullable String txn);

  /**
   * The newest messages of a channel, newest first.
   *
   * @return at most {@code limit} rows
   */
  Mono<List<MessageRow>> page(UUID channel, int limit);

  /**
   * One user.
   *
   * @return the user, or empty
   */
  Mono<UserRow> user(UUID id);

  @Override
  void close();

  /** A message row. */
  record MessageRow(
      UUID id,
      UUID channelId,
      long seq,
      UUID authorId,
      String body,
      @Nullable UUID parentId,
      @Nullable String clientTxnId,
      Instant createdAt,
      @Nullable Instant editedAt,
      @Nullable Instant deletedAt,
      long version) {}

  /** A user row (without its password hash). */
  record UserRow(UUID id, String username, String displayName, Instant createdAt, long version) {}

  /** The page answer: {@code {"items": [...]}}, like chatstore's. */
  record Page(List<MessageRow> items) {}

  /** The post's request body. */
  record NewMessage(String body) {}
}
