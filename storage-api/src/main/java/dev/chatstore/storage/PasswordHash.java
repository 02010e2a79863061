package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash as stored with a user: a scheme prefix in braces followed by that scheme's
 * encoding (never a plain password). Two schemes are known:
 *
 * <ul>
 *   <li>{@code {bcrypt}} followed by a 60-character modular-crypt BCrypt hash ({@code $2a$}, {@code
 *       $2b$} or {@code $2y$}, a two-digit cost, 53 characters of salt and hash), as the chatstore
 *       service makes them (Spring Security's {@code BCryptPasswordEncoder}); the service verifies
 *       them;
 *   <li>{@code {pbkdf2-sha256}<iterations>$<salt>$<hash>}: PBKDF2 with HMAC-SHA256, the salt (at
 *       least 16 bytes) and the 32-byte derived key in standard Base64 with padding. {@link
 *       #pbkdf2(char[])} makes one with the JDK alone, so a library user can create users who sign
 *       in through the service; {@link #matches(char[])} verifies it.
 * </ul>
 *
 * <p>Validated in the constructor; {@link #of(String)} also accepts the legacy unprefixed BCrypt
 * form that older versions stored and normalises it to {@code {bcrypt}}. Equal when the stored
 * forms are equal. {@link #toString()} shows the scheme only. Immutable and thread-safe.
 *
 * @param value the stored form, with its scheme prefix
 */
public record PasswordHash(String value) {

  /** The scheme of BCrypt hashes. */
  public static final String BCRYPT = "bcrypt";

  /** The scheme of PBKDF2-HMAC-SHA256 hashes. */
  public static final String PBKDF2_SHA256 = "pbkdf2-sha256";

  /**
   * The iteration count {@link #pbkdf2(char[])} uses: 310,000, OWASP's 2023 recommendation for
   * PBKDF2-HMAC-SHA256.
   */
  public static final int PBKDF2_ITERATIONS = 310_000;

  /** The fewest iterations a PBKDF2 hash may state, so a weak or corrupted value is refused. */
  public static final int PBKDF2_MIN_ITERATIONS = 10_000;

  /** The most iterations a PBKDF2 hash may state, so a stored value cannot stall a sign-in. */
  public static final int PBKDF2_MAX_ITERATIONS = 10_000_000;

  private static final int MAX_LENGTH = 512;
  private static final int SALT_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final Pattern BCRYPT_SHAPE =
      Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
  private static final Pattern PBKDF2_SHAPE =
      Pattern.compile("([1-9][0-9]{0,8})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Validates the stored form.
   *
   * @param value the stored form
   * @throws IllegalArgumentException if it has no known scheme prefix or is malformed for its
   *     scheme; the message names the problem
   */
  public PasswordHash {
    Checks.text(value, "passwordHash", MAX_LENGTH);
    validate(schemeOf(value), value.substring(value.indexOf('}') + 1));
  }

  /**
   * Reads a stored form, accepting the legacy unprefixed BCrypt form ({@code $2a$…}, {@code $2b$…},
   * {@code $2y$…}) as {@code {bcrypt}}.
   *
   * @param stored the stored form
   * @return the hash, normalised to the prefixed form
   * @throws IllegalArgumentException if it is neither a valid prefixed form nor a legacy BCrypt
   *     hash
   */
  public static PasswordHash of(String stored) {
    Checks.notNull(stored, "passwordHash");
    if (stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$")) {
      return bcrypt(stored);
    }
    return new PasswordHash(stored);
  }

  /**
   * Wraps a BCrypt hash in modular-crypt form, as BCrypt libraries produce it.
   *
   * @param modularCrypt the 60-character hash, such as {@code $2a$10$…}
   * @return the hash with the {@code {bcrypt}} prefix
   * @throws IllegalArgumentException if it is not a BCrypt hash
   */
  public static PasswordHash bcrypt(String modularCrypt) {
    Checks.notNull(modularCrypt, "passwordHash");
    return new PasswordHash("{" + BCRYPT + "}" + modularCrypt);
  }

  /**
   * Hashes a password with PBKDF2-HMAC-SHA256, {@value #PBKDF2_ITERATIONS} iterations and a new
   * random 16-byte salt. Takes a few hundred milliseconds of CPU on purpose: call it off event
   * loops. The caller may clear the array afterwards.
   *
   * @param password the plain password, not empty
   * @return the hash
   * @throws IllegalArgumentException if the password is null or empty
   */
  public static PasswordHash pbkdf2(char[] password) {
    return pbkdf2(password, PBKDF2_ITERATIONS);
  }

  /**
   * Hashes a password with PBKDF2-HMAC-SHA256, a given iteration count and a new random 16-byte
   * salt.
   *
   * @param password the plain password, not empty
   * @param iterations from {@value #PBKDF2_MIN_ITERATIONS} to {@value #PBKDF2_MAX_ITERATIONS}
   * @return the hash
   * @throws IllegalArgumentException if the password is null or empty, or the count out of range
   */
  public static PasswordHash pbkdf2(char[] password, int iterations) {
    Checks.notNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    checkIterations(iterations);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return new PasswordHash(
        "{"
            + PBKDF2_SHA256
            + "}"
            + iterations
            + "$"
            + b64.encodeToString(salt)
            + "$"
            + b64.encodeToString(derive(password, salt, iterations)));
  }

  /**
   * The scheme, without braces.
   *
   * @return {@value #BCRYPT} or {@value #PBKDF2_SHA256}
   */
  public String scheme() {
    return schemeOf(value);
  }

  /**
   * The scheme's own encoding, without the prefix: for BCrypt, the modular-crypt hash a BCrypt
   * library verifies.
   *
   * @return the encoded hash
   */
  public String encoded() {
    return value.substring(value.indexOf('}') + 1);
  }

  /**
   * Checks a password against a PBKDF2 hash, comparing the derived keys in constant time. BCrypt
   * hashes are verified by a BCrypt implementation (the service uses Spring Security's) on {@link
   * #encoded()}.
   *
   * @param password the plain password
   * @return whether it is the password this hash was made from; false for an empty password
   * @throws UnsupportedOperationException if the scheme is not {@value #PBKDF2_SHA256}
   */
  public boolean matches(char[] password) {
    Checks.notNull(password, "password");
    if (!PBKDF2_SHA256.equals(scheme())) {
      throw new UnsupportedOperationException(
          "matches verifies " + PBKDF2_SHA256 + " hashes only, not " + scheme());
    }
    String[] parts = encoded().split("\\$");
    if (password.length == 0) {
      return false;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] expected = b64.decode(parts[2]);
    byte[] actual = derive(password, b64.decode(parts[1]), Integer.parseInt(parts[0]));
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * The scheme only, so a hash does not end up in logs.
   *
   * @return for example {@code PasswordHash[{bcrypt}…]}
   */
  @Override
  public String toString() {
    return "PasswordHash[{" + scheme() + "}…]";
  }

  private static String schemeOf(String value) {
    int end = value.indexOf('}');
    if (!value.startsWith("{") || end < 0) {
      throw new IllegalArgumentException(
          "passwordHash must start with a scheme prefix such as {bcrypt} or {pbkdf2-sha256}");
    }
    String scheme = value.substring(1, end);
    if (!BCRYPT.equals(scheme) && !PBKDF2_SHA256.equals(scheme)) {
      throw new IllegalArgumentException(
          "passwordHash has an unknown scheme {" + scheme + "}; known: {bcrypt}, {pbkdf2-sha256}");
    }
    return scheme;
  }

  private static void validate(String scheme, String encoded) {
    if (BCRYPT.equals(scheme)) {
      if (!BCRYPT_SHAPE.matcher(encoded).matches()) {
        throw new IllegalArgumentException(
            "passwordHash is not a bcrypt hash: expected $2a$, $2b$ or $2y$, a two-digit cost and"
                + " 53 characters of [./A-Za-z0-9] (60 characters in all)");
      }
      return;
    }
    var shape = PBKDF2_SHAPE.matcher(encoded);
    if (!shape.matches()) {
      throw new IllegalArgumentException(
          "passwordHash is not a pbkdf2-sha256 hash: expected <iterations>$<salt base64>$<hash"
              + " base64>");
    }
    checkIterations(Integer.parseInt(shape.group(1)));
    byte[] salt = decode(shape.group(2), "salt");
    byte[] key = decode(shape.group(3), "hash");
    if (salt.length < SALT_BYTES) {
      throw new IllegalArgumentException(
          "passwordHash has a pbkdf2-sha256 salt of " + salt.length + " bytes; at least 16");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "passwordHash has a pbkdf2-sha256 hash of " + key.length + " bytes; expected 32");
    }
  }

  private static byte[] decode(String base64, String part) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "passwordHash has a pbkdf2-sha256 " + part + " that is not valid base64", e);
    }
  }

  private static void checkIterations(int iterations) {
    if (iterations < PBKDF2_MIN_ITERATIONS || iterations > PBKDF2_MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "pbkdf2-sha256 iterations must be from "
              + PBKDF2_MIN_ITERATIONS
              + " to "
              + PBKDF2_MAX_ITERATIONS
              + ", not "
              + iterations);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
