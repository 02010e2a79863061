package dev.chatstore.storage.tck;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.NewChannel;
import dev.chatstore.storage.NewMedia;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Factories of valid, unique test values, so that tests sharing one database never collide.
 * Thread-safe.
 */
public final class TestData {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private TestData() {}

  /**
   * A random lower-case token of letters and digits.
   *
   * @param length how many characters
   * @return the token
   */
  public static String token(int length) {
    StringBuilder b = new StringBuilder(length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /**
   * A unique name with a readable prefix: the prefix, a dash and 12 random characters.
   *
   * @param prefix a lower-case prefix of letters or digits
   * @return the name
   */
  public static String unique(String prefix) {
    return prefix + "-" + token(12);
  }

  /**
   * A valid, unique username (lower case, 3 to 32 characters).
   *
   * @return the username
   */
  public static String username() {
    return unique("u");
  }

  /**
   * A random, well-formed {@code {bcrypt}} hash, cheap to make (no password hashes to it).
   *
   * @return the hash
   */
  public static PasswordHash passwordHash() {
    return PasswordHash.bcrypt("$2a$10$" + token(53));
  }

  /**
   * A new user with a unique username, e-mail and public key.
   *
   * @return the new user
   */
  public static NewUser newUser() {
    String name = username();
    return new NewUser(
        name, "User " + name, name + "@example.org", "pk-" + token(32), passwordHash());
  }

  /**
   * A new user with a given username and nothing else unique.
   *
   * @param username the username
   * @return the new user
   */
  public static NewUser newUser(String username) {
    return NewUser.of(username, passwordHash());
  }

  /**
   * A public text channel with a unique name.
   *
   * @param creator the creator
   * @return the new channel
   */
  public static NewChannel newChannel(UserId creator) {
    return new NewChannel(
        unique("c"), "topic " + token(6), ChannelKind.TEXT, Visibility.PUBLIC, null, creator);
  }

  /**
   * A media record with a random hash.
   *
   * @param uploader the uploader
   * @param channel the channel or null
   * @return the new media
   */
  public static NewMedia newMedia(UserId uploader, ChannelId channel) {
    return new NewMedia(
        "photo-" + token(6) + ".png",
        "image/png",
        ThreadLocalRandom.current().nextLong(1, 1 << 20),
        sha256(),
        "a picture",
        uploader,
        channel);
  }

  /**
   * 64 random lower-case hex digits.
   *
   * @return the digits
   */
  public static String sha256() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The hash of a new random token.
   *
   * @return the hash
   */
  public static TokenHash tokenHash() {
    return TokenHash.of("token-" + token(32));
  }

  /**
   * Random bytes.
   *
   * @param length how many
   * @return the bytes
   */
  public static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
