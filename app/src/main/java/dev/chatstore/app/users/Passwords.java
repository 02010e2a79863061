package dev.chatstore.app.users;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.storage.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Password hashing on a small bounded scheduler of its own, never on an event loop. New passwords
 * are hashed as {@code {bcrypt}…} ({@link PasswordHash}); sign-in verifies both schemes: BCrypt
 * through Spring Security's encoder on the hash without its prefix, PBKDF2 (hashes made by library
 * users with {@link PasswordHash#pbkdf2(char[])}) through {@link PasswordHash#matches(char[])}.
 * When its queue is full, calls fail fast with {@link
 * java.util.concurrent.RejectedExecutionException} (a 503), so a login flood cannot pile up
 * unbounded work.
 */
@Component
public class Passwords implements DisposableBean {

  /** BCrypt reads at most 72 bytes of a password; longer ones would be silently truncated. */
  public static final int MAX_BYTES = 72;

  /** The shortest password accepted, in characters. */
  public static final int MIN_LENGTH = 8;

  private final BCryptPasswordEncoder encoder;
  private final Scheduler scheduler;
  private final String dummyHash;

  /**
   * Creates the hasher.
   *
   * @param properties the hashing settings
   */
  public Passwords(ChatstoreProperties properties) {
    ChatstoreProperties.PasswordHashing settings = properties.passwordHashing();
    this.encoder = new BCryptPasswordEncoder(settings.strength());
    this.scheduler =
        Schedulers.newBoundedElastic(settings.threads(), settings.queue(), "password-hash");
    this.dummyHash = encoder.encode("not a real password, only for timing");
  }

  /**
   * Checks a new password's length.
   *
   * @param password the password
   * @return the password
   * @throws ApiException 400 when too short or too long
   */
  public static String check(String password) {
    if (password.codePointCount(0, password.length()) < MIN_LENGTH
        || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiException.invalid(
          "password must be at least " + MIN_LENGTH + " characters and at most 72 bytes");
    }
    for (int i = 0; i < password.length(); i++) {
      if (password.charAt(i) == 0) {
        throw ApiException.invalid("password must not contain NUL");
      }
    }
    return password;
  }

  /**
   * Hashes a password.
   *
   * @param password the checked password
   * @return a {@code Mono} of the {@code {bcrypt}} hash, computed off the event loop
   */
  public Mono<PasswordHash> hash(String password) {
    return Mono.fromCallable(() -> PasswordHash.bcrypt(encoder.encode(password)))
        .subscribeOn(scheduler);
  }

  /**
   * Checks a password against a hash of either scheme; with a null hash (unknown user) it still
   * spends the time of a BCrypt check, so response times do not tell which usernames exist.
   *
   * @param password the password
   * @param hash the stored hash, or null
   * @return a {@code Mono} of whether they match
   */
  public Mono<Boolean> matches(String password, @Nullable PasswordHash hash) {
    return Mono.fromCallable(
            () -> {
              if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                encoder.matches("x", dummyHash);
                return false;
              }
              if (hash == null) {
                encoder.matches(password, dummyHash);
                return false;
              }
              if (PasswordHash.PBKDF2_SHA256.equals(hash.scheme())) {
                char[] chars = password.toCharArray();
                try {
                  return hash.matches(chars);
                } finally {
                  Arrays.fill(chars, '\0');
                }
              }
              return encoder.matches(password, hash.encoded());
            })
        .subscribeOn(scheduler);
  }

  @Override
  public void destroy() {
    scheduler.dispose();
  }
}
