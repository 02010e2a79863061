package dev.chatstore.storage;

/** Signalled when the addressed entity does not exist (or no longer exists). */
public final class NotFoundException extends StorageException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names what was not found
   */
  public NotFoundException(String message) {
    super(message, null);
  }
}
