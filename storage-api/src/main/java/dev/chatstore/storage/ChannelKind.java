package dev.chatstore.storage;

/** What a channel is for. */
public enum ChannelKind {
  /** An ordinary conversation. */
  TEXT,
  /** Announcements: by convention only admins and owners post. */
  ANNOUNCEMENT,
  /** A direct conversation between a few users. */
  DIRECT
}
