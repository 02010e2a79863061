package dev.chatstore.storage;

/** Which way history is read from a position. */
public enum Direction {
  /** Towards newer messages: positions greater than the start, ascending. */
  FORWARD,
  /** Towards older messages: positions less than the start, descending. */
  BACKWARD
}
