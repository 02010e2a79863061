package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.time.Instant;

/**
 * A signed-in session. Only the hash of its bearer token is stored. Immutable and thread-safe.
 *
 * @param id the id
 * @param userId the user it signs in
 * @param tokenHash the SHA-256 hash of the bearer token
 * @param createdAt when it was created
 * @param lastSeenAt when it was last used ({@link SessionStore#touch})
 * @param expiresAt when it stops being valid
 */
public record Session(
    SessionId id,
    UserId userId,
    TokenHash tokenHash,
    Instant createdAt,
    Instant lastSeenAt,
    Instant expiresAt) {

  /**
   * Validates the fields.
   *
   * @param id the id
   * @param userId the user
   * @param tokenHash the token hash
   * @param createdAt the creation time
   * @param lastSeenAt the last use
   * @param expiresAt the expiry
   */
  public Session {
    Checks.notNull(id, "id");
    Checks.notNull(userId, "userId");
    Checks.notNull(tokenHash, "tokenHash");
    createdAt = Checks.micros(Checks.notNull(createdAt, "createdAt"));
    lastSeenAt = Checks.micros(Checks.notNull(lastSeenAt, "lastSeenAt"));
    expiresAt = Checks.micros(Checks.notNull(expiresAt, "expiresAt"));
  }

  /**
   * Whether the session has expired at an instant.
   *
   * @param now the instant
   * @return true when {@code now} is at or after the expiry
   */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
