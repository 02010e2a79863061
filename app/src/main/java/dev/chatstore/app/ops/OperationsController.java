package dev.chatstore.app.ops;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.Storage;
import java.time.Duration;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Operational details for operators only. {@code /actuator/health} answers everyone with the status
 * of each component and nothing more ({@code show-details: never}); the storage's details (the
 * database file, queue depths, pool sizes), which tell an attacker about the server, are here for
 * the users named in {@code chatstore.operators} (403 for everyone else, 401 without a token).
 */
@RestController
public class OperationsController {

  private final Storage storage;
  private final Set<String> operators;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param properties the configured operators
   */
  public OperationsController(Storage storage, ChatstoreProperties properties) {
    this.storage = storage;
    this.operators = Set.copyOf(properties.operators());
  }

  /**
   * The storage's health with its details.
   *
   * @param caller the caller, who must be an operator
   * @return the health
   */
  @GetMapping(path = "/api/v1/ops/health", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<Health> health(Caller caller) {
    return storage
        .users()
        .findById(caller.userId())
        .filter(user -> operators.contains(user.username()))
        .switchIfEmpty(
            Mono.error(
                () -> ApiException.forbidden("operational details are for chatstore.operators")))
        .then(storage.health().timeout(Duration.ofSeconds(5)));
  }
}
