package dev.chatstore.storage.internal;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageEdit;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.PostResult;
import dev.chatstore.storage.UserId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The pure decisions of {@link dev.chatstore.storage.MessageStore}, fed by what a backend read in
 * its unit of work: a post's insert, replay or conflict; the record a post stores; the parent rule;
 * an edit's state and version checks and the history entry it keeps; and the thread-counter rules.
 * No I/O; every function either returns its decision or throws the {@link Failures} error of the
 * case. Stateless.
 *
 * <p>Thread counters: a reply counts on its root in the reply's own unit of work ({@link
 * #afterReply}); soft-deleting a reply keeps it counted (tombstones count); purging replies
 * recounts the root from the replies that remain, with {@code lastReplyAt} the newest remaining
 * reply's time ({@link #recount}). Every backend implements exactly these rules, in SQL or in
 * items.
 */
public final class MessageRules {

  private MessageRules() {}

  /** What a post does once the message stored under its idempotency key (if any) is known. */
  public enum PostDecision {
    /** No message under the key (or no key): store a new message. */
    INSERT,
    /** The key's message was stored by the same request: emit it as it is now, store nothing. */
    REPLAY,
    /** The key's message was stored by another request: an idempotency mismatch. */
    CONFLICT
  }

  /**
   * What a post read under its idempotency key: the message as it is now (edited, deleted or not)
   * and the fingerprint of the request that stored it.
   *
   * @param message the stored message
   * @param fingerprint the stored request's {@link #fingerprint}, or null for a message posted
   *     before fingerprints were kept (schema 2.0 and older)
   */
  public record Keyed(Message message, @Nullable String fingerprint) {

    /**
     * Validates the fields.
     *
     * @param message the message
     * @param fingerprint the fingerprint or null
     */
    public Keyed {
      Checks.notNull(message, "message");
    }
  }

  /**
   * The fingerprint of a post's request: the SHA-256, in lower-case hex, of a canonical encoding of
   * what the post asks to store (channel, body, parent), each field written as its length in UTF-8
   * bytes and its bytes, an absent parent as length -1. The author and the key are not part of it:
   * they are the idempotency key itself. A field a later version adds to a post is appended here,
   * so that its retries are compared on it too.
   *
   * @param message the post
   * @return 64 lower-case hex digits
   */
  public static String fingerprint(NewMessage message) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
    MessageId parent = message.parentId();
    for (String field :
        new String[] {
          message.channelId().value().toString(),
          message.body(),
          parent == null ? null : parent.value().toString()
        }) {
      byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
      digest.update(length.clear().putInt(field == null ? -1 : bytes.length).array());
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Decides a post from what its author already stored under the same key: with a stored
   * fingerprint, the same request is a replay whatever happened to the message since; without one
   * (posted before fingerprints were kept), the stored channel, body and parent are compared.
   *
   * @param message the post
   * @param stored what was found by (author, client transaction id), or null when there is none
   * @return the decision
   */
  public static PostDecision decide(NewMessage message, @Nullable Keyed stored) {
    if (stored == null || message.clientTxnId() == null) {
      return PostDecision.INSERT;
    }
    boolean same =
        stored.fingerprint() == null
            ? message.samePayloadAs(stored.message())
            : stored.fingerprint().equals(fingerprint(message));
    return same ? PostDecision.REPLAY : PostDecision.CONFLICT;
  }

  /**
   * The replay of a post whose key already holds a message: that message as it is now.
   *
   * @param message the post
   * @param stored what is stored under its key
   * @return the replayed result
   * @throws dev.chatstore.storage.ConflictException when the requests differ
   */
  public static PostResult replay(NewMessage message, Keyed stored) {
    if (decide(message, stored) != PostDecision.REPLAY) {
      throw Failures.idempotencyMismatch(String.valueOf(message.clientTxnId()));
    }
    return new PostResult(stored.message(), true);
  }

  /**
   * The message a post stores: version 1, no edits, no replies.
   *
   * @param id the new message's id
   * @param message the post
   * @param seq the position taken for it
   * @param now the posting time
   * @return the message
   */
  public static Message posted(MessageId id, NewMessage message, long seq, Instant now) {
    return new Message(
        id,
        message.channelId(),
        seq,
        message.authorId(),
        message.body(),
        message.parentId(),
        message.clientTxnId(),
        now,
        null,
        null,
        1);
  }

  /**
   * The parent rule: a reply's parent must be a message of the reply's channel. A missing parent
   * and a parent in another channel are the same error.
   *
   * @param parent the parent
   * @param channel the reply's channel
   * @param parentChannel the channel the parent was found in, or null when it does not exist
   * @throws dev.chatstore.storage.InvalidArgumentException when the parent is not in the channel
   */
  public static void requireParentIn(
      MessageId parent, ChannelId channel, @Nullable ChannelId parentChannel) {
    if (!channel.equals(parentChannel)) {
      throw Failures.parentNotInChannel(parent, channel);
    }
  }

  /**
   * What an edit reads of the message before changing it.
   *
   * @param author the author
   * @param body the current body
   * @param version the current version
   * @param deleted whether it is a tombstone
   */
  public record EditState(UserId author, String body, long version, boolean deleted) {

    /**
     * Validates the fields.
     *
     * @param author the author
     * @param body the body
     * @param version the version
     * @param deleted whether deleted
     */
    public EditState {
      Checks.notNull(author, "author");
      Checks.notNull(body, "body");
    }

    /**
     * The state of a stored message.
     *
     * @param message the message
     * @return its edit state
     */
    public static EditState of(Message message) {
      return new EditState(
          message.authorId(), message.body(), message.version(), message.deleted());
    }
  }

  /**
   * Checks an edit against the stored state and builds the history entry it keeps: the previous
   * body at the previous version, edited by the actor (the author when there is none).
   *
   * @param id the message
   * @param current the stored state, or null when there is no such message
   * @param expectedVersion the version the caller expects
   * @param editor the actor of the edit, or null
   * @param now the edit time
   * @return the history entry to store
   * @throws dev.chatstore.storage.NotFoundException when there is no such message
   * @throws dev.chatstore.storage.ConflictException when it is deleted or at another version
   */
  public static MessageEdit checkEdit(
      MessageId id,
      @Nullable EditState current,
      long expectedVersion,
      @Nullable UserId editor,
      Instant now) {
    if (current == null) {
      throw Failures.messageNotFound(id);
    }
    if (current.deleted()) {
      throw Failures.messageDeleted(id);
    }
    if (current.version() != expectedVersion) {
      throw Failures.versionMismatch("message", id, current.version(), expectedVersion);
    }
    return new MessageEdit(
        id, current.version(), current.body(), editor == null ? current.author() : editor, now);
  }

  /**
   * A thread root's counters.
   *
   * @param replyCount how many replies exist, tombstones included
   * @param lastReplyAt the newest reply's time, or null when there is none
   */
  public record ThreadCounts(long replyCount, @Nullable Instant lastReplyAt) {

    /** A root without replies. */
    public static final ThreadCounts NONE = new ThreadCounts(0, null);

    /**
     * Validates the fields.
     *
     * @param replyCount the count, 0 or more
     * @param lastReplyAt the newest reply's time or null
     */
    public ThreadCounts {
      Checks.notNegative(replyCount, "replyCount");
    }
  }

  /**
   * The counters of a root after one more reply: one more, and the later of the two times.
   *
   * @param current the counters before (use {@link ThreadCounts#NONE} at the first reply)
   * @param replyAt the new reply's time
   * @return the counters after
   */
  public static ThreadCounts afterReply(ThreadCounts current, Instant replyAt) {
    Instant last = current.lastReplyAt();
    return new ThreadCounts(
        current.replyCount() + 1, last == null || replyAt.isAfter(last) ? replyAt : last);
  }

  /**
   * The counters of a root recounted from the replies that remain after a purge: their number
   * (tombstones count) and the newest one's time.
   *
   * @param remainingReplyTimes the creation times of the replies that remain
   * @return the counters
   */
  public static ThreadCounts recount(Collection<Instant> remainingReplyTimes) {
    Instant last = null;
    for (Instant at : remainingReplyTimes) {
      if (last == null || at.isAfter(last)) {
        last = at;
      }
    }
    return new ThreadCounts(remainingReplyTimes.size(), last);
  }
}
