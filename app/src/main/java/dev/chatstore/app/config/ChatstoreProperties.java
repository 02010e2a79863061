package dev.chatstore.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's settings, under {@code chatstore.*}.
 *
 * @param storage which database to open
 * @param cursorSecret the key that signs paging cursors; when unset, a random key is drawn at each
 *     start, so cursors do not survive a restart (and differ between instances)
 * @param sessionTtl how long a login lasts; a session used after half of it is extended
 * @param sessionPurgeInterval how often expired sessions are deleted
 * @param heartbeat how often an idle live stream (SSE, NDJSON follow) writes a heartbeat, which is
 *     also how soon a vanished client is noticed
 * @param passwordHashing the password hashing settings
 * @param operators usernames that may read operational details ({@code /actuator/health} with its
 *     storage details: file paths, queue depths); everyone else sees only the status
 */
@ConfigurationProperties("chatstore")
public record ChatstoreProperties(
    @DefaultValue Storage storage,
    @Nullable String cursorSecret,
    @DefaultValue("24h") Duration sessionTtl,
    @DefaultValue("10m") Duration sessionPurgeInterval,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue PasswordHashing passwordHashing,
    @DefaultValue List<String> operators) {

  /**
   * The database.
   *
   * @param url the storage URL: {@code sqlite:./data/chatstore.db}, {@code
   *     r2dbc:postgresql://user:pass@host:5432/db} or {@code r2dbc:h2:mem:///name}
   * @param properties backend-specific options (such as a pool size), passed to the backend
   */
  public record Storage(
      @DefaultValue("sqlite:./data/chatstore.db") String url,
      @DefaultValue Map<String, String> properties) {}

  /**
   * BCrypt settings.
   *
   * @param strength the log2 cost (4 to 31)
   * @param threads how many hashes run at once, off the event loops
   * @param queue how many hash requests may wait; beyond that requests get 503
   */
  public record PasswordHashing(
      @DefaultValue("10") int strength,
      @DefaultValue("2") int threads,
      @DefaultValue("256") int queue) {}
}
