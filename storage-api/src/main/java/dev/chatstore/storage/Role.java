package dev.chatstore.storage;

/** A member's role in a channel, from most to least powerful. */
public enum Role {
  /** Created the channel or was handed it; may do everything. */
  OWNER,
  /** Manages members and moderates every message. */
  ADMIN,
  /** Moderates messages. */
  MODERATOR,
  /** Reads and posts. */
  MEMBER,
  /** Reads only, by convention. */
  GUEST;

  /**
   * Whether this role is at least as powerful as another.
   *
   * @param other the other role
   * @return true when this role ranks the same or higher
   */
  public boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }
}
