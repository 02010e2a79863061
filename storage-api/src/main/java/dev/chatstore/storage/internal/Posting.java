package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.PostResult;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One post in progress, handed to a backend's {@link AbstractMessageStore#appendMessage} hook: the
 * checked input, the new message's id and time, and the decisions of {@link MessageRules} the hook
 * calls with what it read inside its unit of work. Each decision returns its result or throws the
 * case's {@link Failures} error (inside a SQLite write closure, or inside a Reactor operator, which
 * turns it into an error signal). Immutable.
 */
public final class Posting {

  private final NewMessage message;
  private final MessageId id;
  private final Instant now;
  private final @Nullable String fingerprint;

  Posting(NewMessage message, MessageId id, Instant now) {
    this.message = message;
    this.id = id;
    this.now = now;
    this.fingerprint = message.clientTxnId() == null ? null : MessageRules.fingerprint(message);
  }

  /**
   * The fingerprint of the request ({@link MessageRules#fingerprint}) that the hook stores with the
   * message, so that a retry is compared with it.
   *
   * @return the fingerprint, or null when the post has no idempotency key (nothing to compare)
   */
  public @Nullable String fingerprint() {
    return fingerprint;
  }

  /**
   * The post.
   *
   * @return the checked input
   */
  public NewMessage message() {
    return message;
  }

  /**
   * The id the message gets when it is stored.
   *
   * @return the new id
   */
  public MessageId id() {
    return id;
  }

  /**
   * The posting time (the storage clock at microsecond precision).
   *
   * @return the time
   */
  public Instant now() {
    return now;
  }

  /**
   * The answer when the author's key already holds a message.
   *
   * @param stored the message found by (author, client transaction id), as it is now
   * @param storedFingerprint the fingerprint stored with it, or null for a message posted before
   *     fingerprints were kept
   * @return the replay
   * @throws dev.chatstore.storage.ConflictException when the requests differ
   */
  public PostResult replayOf(Message stored, @Nullable String storedFingerprint) {
    return MessageRules.replay(message, new MessageRules.Keyed(stored, storedFingerprint));
  }

  /**
   * Checks the parent rule.
   *
   * @param parentChannel the channel the parent was found in, or null when it does not exist
   * @throws dev.chatstore.storage.InvalidArgumentException when the parent is not in the channel
   */
  public void requireParentIn(@Nullable ChannelId parentChannel) {
    MessageId parent = message.parentId();
    if (parent != null) {
      MessageRules.requireParentIn(parent, message.channelId(), parentChannel);
    }
  }

  /**
   * The stored message at the position the hook took.
   *
   * @param seq the position
   * @return the message as stored
   */
  public Message at(long seq) {
    return MessageRules.posted(id, message, seq, now);
  }

  /**
   * The result of a new message stored at a position.
   *
   * @param seq the position
   * @return the result, not replayed
   */
  public PostResult inserted(long seq) {
    return new PostResult(at(seq), false);
  }

  /**
   * The error when the channel does not exist (no position could be taken).
   *
   * @return the exception
   */
  public NotFoundException channelNotFound() {
    return Failures.channelNotFound(message.channelId());
  }
}
