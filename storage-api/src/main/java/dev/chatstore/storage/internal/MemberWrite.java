package dev.chatstore.storage.internal;

import dev.chatstore.storage.Membership;
import org.jspecify.annotations.Nullable;

/**
 * What a membership write hook did: wrote (with the membership as stored afterwards, or as it was
 * before a removal), or refused, and why. The base class turns a refusal into its error.
 *
 * @param outcome what happened
 * @param membership the membership as stored by a written put; null otherwise (a removal, a
 *     refusal)
 */
public record MemberWrite(Outcome outcome, @Nullable Membership membership) {

  /** What a membership write did. */
  public enum Outcome {
    /** The change was written. */
    WRITTEN,
    /** The channel does not exist; nothing was written. */
    NO_CHANNEL,
    /** The user does not exist; nothing was written. */
    NO_USER,
    /** The user is not a member; nothing was removed. */
    NOT_A_MEMBER,
    /** The change would leave the channel without an owner; nothing was written. */
    LAST_OWNER
  }

  /**
   * Checks that a membership comes only with {@link Outcome#WRITTEN}.
   *
   * @param outcome what happened
   * @param membership the membership or null
   */
  public MemberWrite {
    Checks.notNull(outcome, "outcome");
    if (membership != null && outcome != Outcome.WRITTEN) {
      throw new IllegalArgumentException("a membership comes only with WRITTEN");
    }
  }

  /**
   * A written put.
   *
   * @param membership the membership as stored
   * @return the result
   */
  public static MemberWrite written(Membership membership) {
    return new MemberWrite(Outcome.WRITTEN, Checks.notNull(membership, "membership"));
  }

  /**
   * A written removal.
   *
   * @return the result
   */
  public static MemberWrite removed() {
    return new MemberWrite(Outcome.WRITTEN, null);
  }

  /**
   * A refused change.
   *
   * @param outcome why, not {@link Outcome#WRITTEN}
   * @return the result
   */
  public static MemberWrite refused(Outcome outcome) {
    if (outcome == Outcome.WRITTEN) {
      throw new IllegalArgumentException("a refusal is not WRITTEN");
    }
    return new MemberWrite(outcome, null);
  }
}
