package dev.chatstore.storage;

/** Who may see a channel. */
public enum Visibility {
  /** Readable and joinable by every signed-in user. */
  PUBLIC,
  /** Readable only by its members. */
  PRIVATE
}
