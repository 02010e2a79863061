package dev.chatstore.benchmarks.reference;

import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bare reference service of the load benchmark: the post's insert and the page's select over
 * the same drivers as chatstore, no auth, no idempotency check, no cursor, no observation.
 *
 * <p>Settings: {@code --reference.url=r2dbc:postgresql://user@host:port/db} or {@code
 * --reference.url=sqlite:/path/to/file.db} (a database chatstore has migrated), {@code
 * --reference.author=<user id>} (the author of posted messages), {@code --reference.pool-size=16}.
 */
@SpringBootApplication
public class ReferenceApplication {

  /**
   * Starts the service.
   *
   * @param args command-line arguments, such as {@code --reference.url=...}
   */
  public static void main(String[] args) {
    SpringApplication.run(ReferenceApplication.class, args);
  }

  /**
   * The backend named by {@code reference.url}.
   *
   * @param url the database
   * @param poolSize PostgreSQL: pooled connections; SQLite: reader threads
   * @return the backend
   */
  @Bean(destroyMethod = "close")
  Backend backend(
      @Value("${reference.url}") String url, @Value("${reference.pool-size:16}") int poolSize) {
    if (url.startsWith("sqlite:")) {
      return new SqliteBackend(url.substring("sqlite:".length()), Math.min(poolSize, 4));
    }
    return new PostgresBackend(url, poolSize);
  }

  /**
   * The HTTP endpoints.
   *
   * @param backend the database
   * @param author the author of posted messages
   * @return the controller
   */
  @Bean
  ReferenceController referenceController(
      Backend backend, @Value("${reference.author}") String author) {
    return new ReferenceController(backend, UUID.fromString(author));
  }
}
