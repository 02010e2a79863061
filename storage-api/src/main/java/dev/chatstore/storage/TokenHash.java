package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 hash of a bearer token, which is all that is stored of it. Immutable and thread-safe.
 *
 * @param hex the 64 lower-case hexadecimal digits of the hash
 */
public record TokenHash(String hex) {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the hash.
   *
   * @param hex 64 lower-case hex digits
   */
  public TokenHash {
    Checks.notNull(hex, "hex");
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("hex must be 64 lower-case hexadecimal digits");
    }
  }

  /**
   * Hashes a token.
   *
   * @param token the bearer token as the client sends it
   * @return its SHA-256 hash
   */
  public static TokenHash of(String token) {
    Checks.notNull(token, "token");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return new TokenHash(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TokenHash[" + hex.substring(0, 8) + "...]";
  }
}
