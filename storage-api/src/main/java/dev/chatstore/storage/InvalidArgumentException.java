package dev.chatstore.storage;

/**
 * Signalled when arguments that were well-formed at call time turn out invalid against the stored
 * data: a parent message in another channel, a membership for a user that does not exist.
 */
public final class InvalidArgumentException extends StorageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is invalid
   */
  public InvalidArgumentException(String message) {
    super(message, null);
  }
}
