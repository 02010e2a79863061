package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The mutable fields of a user, all replaced at once by {@link UserStore#update}. The username and
 * the id never change. Immutable and thread-safe.
 *
 * @param displayName the new display name, as {@link NewUser#displayName()}
 * @param email the new e-mail, or null to clear it
 * @param publicKey the new public key, or null to clear it
 * @param passwordHash the new password hash (see {@link PasswordHash})
 */
public record UserUpdate(
    String displayName,
    @Nullable String email,
    @Nullable String publicKey,
    PasswordHash passwordHash) {

  /**
   * Validates and normalises the fields.
   *
   * @param displayName the display name
   * @param email the e-mail or null
   * @param publicKey the public key or null
   * @param passwordHash the password hash
   */
  public UserUpdate {
    displayName = Checks.text(displayName, "displayName", NewUser.MAX_DISPLAY_NAME);
    email = NewUser.email(email);
    publicKey = NewUser.publicKey(publicKey);
    Checks.notNull(passwordHash, "passwordHash");
  }

  /**
   * The update that keeps every field of a user as it is, to change one with a {@code with…}.
   *
   * @param user the current user
   * @return an update equal to the user's fields
   */
  public static UserUpdate of(User user) {
    return new UserUpdate(user.displayName(), user.email(), user.publicKey(), user.passwordHash());
  }

  /**
   * Replaces the display name.
   *
   * @param value the new display name
   * @return a new update
   */
  public UserUpdate withDisplayName(String value) {
    return new UserUpdate(value, email, publicKey, passwordHash);
  }

  /**
   * Replaces the e-mail.
   *
   * @param value the new e-mail or null
   * @return a new update
   */
  public UserUpdate withEmail(@Nullable String value) {
    return new UserUpdate(displayName, value, publicKey, passwordHash);
  }

  /**
   * Replaces the public key.
   *
   * @param value the new key or null
   * @return a new update
   */
  public UserUpdate withPublicKey(@Nullable String value) {
    return new UserUpdate(displayName, email, value, passwordHash);
  }

  /**
   * Replaces the password hash.
   *
   * @param value the new hash
   * @return a new update
   */
  public UserUpdate withPasswordHash(PasswordHash value) {
    return new UserUpdate(displayName, email, publicKey, value);
  }
}
