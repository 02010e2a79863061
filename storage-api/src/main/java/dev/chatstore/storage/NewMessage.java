package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to post a message. Validated in the constructor. Immutable and thread-safe.
 *
 * @param channelId the channel
 * @param authorId the author
 * @param body 1 to {@value #MAX_BODY} characters (code points), not blank, no control characters
 *     but tab, line feed and carriage return
 * @param parentId the message this one replies to, which must be in the same channel, or null
 * @param clientTxnId the author's idempotency key: 1 to 128 printable ASCII characters, or null
 */
public record NewMessage(
    ChannelId channelId,
    UserId authorId,
    String body,
    @Nullable MessageId parentId,
    @Nullable String clientTxnId) {

  /** Longest body, in characters (code points). */
  public static final int MAX_BODY = 16_000;

  private static final Pattern TXN = Pattern.compile("[\\x21-\\x7E]{1,128}");

  /**
   * Validates the fields.
   *
   * @param channelId the channel
   * @param authorId the author
   * @param body the body
   * @param parentId the parent or null
   * @param clientTxnId the idempotency key or null
   */
  public NewMessage {
    Checks.notNull(channelId, "channelId");
    Checks.notNull(authorId, "authorId");
    body = body(body);
    if (clientTxnId != null && !TXN.matcher(clientTxnId).matches()) {
      throw new IllegalArgumentException(
          "clientTxnId must be 1 to 128 printable ASCII characters without spaces");
    }
  }

  /**
   * A top-level message without idempotency key.
   *
   * @param channelId the channel
   * @param authorId the author
   * @param body the body
   * @return the new message
   */
  public static NewMessage of(ChannelId channelId, UserId authorId, String body) {
    return new NewMessage(channelId, authorId, body, null, null);
  }

  /**
   * Returns a copy with an idempotency key.
   *
   * @param key the key
   * @return a new value
   */
  public NewMessage withClientTxnId(String key) {
    return new NewMessage(channelId, authorId, body, parentId, key);
  }

  /**
   * Returns a copy replying to a parent.
   *
   * @param parent the parent message
   * @return a new value
   */
  public NewMessage withParent(MessageId parent) {
    return new NewMessage(channelId, authorId, body, parent, clientTxnId);
  }

  /**
   * Whether a stored message carries the same payload as this one (channel, body and parent), which
   * decides whether reusing an idempotency key is a replay or a conflict.
   *
   * @param stored the message stored under the same key
   * @return true when the payloads match
   */
  public boolean samePayloadAs(Message stored) {
    return stored.channelId().equals(channelId)
        && stored.authorId().equals(authorId)
        && stored.body().equals(body)
        && Objects.equals(stored.parentId(), parentId);
  }

  /**
   * Validates a message body as {@link NewMessage} does.
   *
   * @param body the body
   * @return the body
   * @throws IllegalArgumentException if blank, too long or holding control characters
   */
  public static String body(String body) {
    return Checks.text(body, "body", MAX_BODY);
  }
}
