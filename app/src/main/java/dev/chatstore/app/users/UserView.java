package dev.chatstore.app.users;

import dev.chatstore.storage.User;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it. The e-mail is shown only to the user themself.
 *
 * @param id the id
 * @param username the username
 * @param displayName the display name
 * @param email the e-mail (own profile only)
 * @param publicKey the public key, or null
 * @param createdAt when created
 * @param version the version
 */
public record UserView(
    String id,
    String username,
    String displayName,
    @Nullable String email,
    @Nullable String publicKey,
    Instant createdAt,
    long version) {

  /**
   * The view of a user.
   *
   * @param user the user
   * @param self whether the caller is that user
   * @return the view
   */
  public static UserView of(User user, boolean self) {
    return new UserView(
        user.id().toString(),
        user.username(),
        user.displayName(),
        self ? user.email() : null,
        user.publicKey(),
        user.createdAt(),
        user.version());
  }
}
