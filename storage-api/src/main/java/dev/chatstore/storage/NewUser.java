package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to create a user. Validated in the constructor. Immutable and thread-safe.
 *
 * @param username 3 to 32 characters of {@code a-z}, {@code 0-9}, {@code _}, {@code .} and {@code
 *     -}, starting with a letter or digit; upper case is folded to lower case, so usernames are
 *     unique regardless of case
 * @param displayName 1 to 100 characters, no control characters
 * @param email an e-mail address of at most 254 characters, folded to lower case, or null
 * @param publicKey a public key of at most 2,048 characters, or null
 * @param passwordHash the password hash (see {@link PasswordHash}: {@code {bcrypt}…} as the service
 *     makes them, or {@link PasswordHash#pbkdf2(char[])})
 */
public record NewUser(
    String username,
    String displayName,
    @Nullable String email,
    @Nullable String publicKey,
    PasswordHash passwordHash) {

  /** Longest display name, in characters. */
  public static final int MAX_DISPLAY_NAME = 100;

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  /**
   * Validates and normalises the fields.
   *
   * @param username the username
   * @param displayName the display name
   * @param email the e-mail or null
   * @param publicKey the public key or null
   * @param passwordHash the password hash
   */
  public NewUser {
    username = username(username);
    displayName = Checks.text(displayName, "displayName", MAX_DISPLAY_NAME);
    email = email(email);
    publicKey = publicKey(publicKey);
    Checks.notNull(passwordHash, "passwordHash");
  }

  /**
   * A user whose display name is the username, without e-mail or public key.
   *
   * @param username the username
   * @param passwordHash the password hash
   * @return the new user
   */
  public static NewUser of(String username, PasswordHash passwordHash) {
    return new NewUser(username, username, null, null, passwordHash);
  }

  /**
   * A user whose display name is the username, without e-mail or public key, with a hash in its
   * stored text form.
   *
   * @param username the username
   * @param passwordHash the hash's stored form, validated by {@link PasswordHash#of(String)}
   * @return the new user
   * @throws IllegalArgumentException if the hash is not a valid {@link PasswordHash}
   * @deprecated pass a {@link PasswordHash}: {@link #of(String, PasswordHash)}
   */
  @Deprecated
  public static NewUser of(String username, String passwordHash) {
    return of(username, PasswordHash.of(passwordHash));
  }

  /**
   * Validates and folds a username as {@link NewUser} does.
   *
   * @param username the username
   * @return the lower-case username
   * @throws IllegalArgumentException if it is not a valid username
   */
  public static String username(String username) {
    Checks.notNull(username, "username");
    String folded = username.toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(folded).matches()) {
      throw new IllegalArgumentException(
          "username must be 3 to 32 characters of a-z, 0-9, '_', '.', '-', starting with a letter"
              + " or digit");
    }
    return folded;
  }

  /**
   * Validates and folds an e-mail address as {@link NewUser} does.
   *
   * @param email the address or null
   * @return the lower-case address, or null
   * @throws IllegalArgumentException if it is not an address
   */
  public static @Nullable String email(@Nullable String email) {
    if (email == null) {
      return null;
    }
    String folded = Checks.text(email, "email", 254).strip().toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(folded).matches()) {
      throw new IllegalArgumentException("email must look like name@domain");
    }
    return folded;
  }

  /**
   * Validates a public key as {@link NewUser} does.
   *
   * @param publicKey the key or null
   * @return the key, or null
   * @throws IllegalArgumentException if it is blank, too long or holds control characters
   */
  public static @Nullable String publicKey(@Nullable String publicKey) {
    return publicKey == null ? null : Checks.text(publicKey, "publicKey", 2048);
  }
}
