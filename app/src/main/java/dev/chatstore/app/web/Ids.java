package dev.chatstore.app.web;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.UserId;

/** Parses ids from paths: a malformed one is a 404 (no such thing can exist), not a 500. */
public final class Ids {

  private Ids() {}

  /**
   * Parses a user id.
   *
   * @param text the path segment
   * @return the id
   */
  public static UserId user(String text) {
    try {
      return UserId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("user");
    }
  }

  /**
   * Parses a channel id.
   *
   * @param text the path segment
   * @return the id
   */
  public static ChannelId channel(String text) {
    try {
      return ChannelId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("channel");
    }
  }

  /**
   * Parses a message id.
   *
   * @param text the path segment
   * @return the id
   */
  public static MessageId message(String text) {
    try {
      return MessageId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("message");
    }
  }
}
