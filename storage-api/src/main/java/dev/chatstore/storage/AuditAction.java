package dev.chatstore.storage;

/** What an audit entry records. */
public enum AuditAction {
  /** A user became a member. */
  MEMBER_ADDED,
  /** A member's role changed. */
  MEMBER_ROLE_CHANGED,
  /** A member left or was removed. */
  MEMBER_REMOVED,
  /** A message was soft-deleted. */
  MESSAGE_DELETED,
  /** A message was purged (by hand or by retention). */
  MESSAGE_PURGED,
  /** The channel's name, topic, visibility or category changed. */
  CHANNEL_UPDATED,
  /** The channel was archived. */
  CHANNEL_ARCHIVED,
  /** The channel was unarchived. */
  CHANNEL_UNARCHIVED,
  /** The channel's retention policy changed. */
  RETENTION_CHANGED
}
