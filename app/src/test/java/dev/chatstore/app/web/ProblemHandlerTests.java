package dev.chatstore.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.TransientStorageException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every storage error maps to one status and stable code, rendered as problem+json. */
class ProblemHandlerTests {

  private final JsonMapper json = JsonMapper.builder().build();
  private final ProblemHandler handler = new ProblemHandler(json);

  private MockServerWebExchange render(Throwable error) {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/channels/x/messages"));
    handler.handle(exchange, error).block(Duration.ofSeconds(5));
    return exchange;
  }

  private JsonNode body(MockServerWebExchange exchange) {
    return json.readTree(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)));
  }

  @Test
  void aTransientStorageErrorIsA503WithRetryAfter() {
    MockServerWebExchange exchange = render(new TransientStorageException("busy", null));
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("1");
    assertThat(exchange.getResponse().getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode body = body(exchange);
    assertThat(body.get("code").asString()).isEqualTo("unavailable");
    assertThat(body.get("status").asInt()).isEqualTo(503);
    assertThat(body.get("instance").asString()).isEqualTo("/api/v1/channels/x/messages");
  }

  @Test
  void aFullPasswordQueueIsA503() {
    MockServerWebExchange exchange = render(new RejectedExecutionException("full"));
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("1");
  }

  @Test
  void eachStorageErrorHasItsStatusAndCode() {
    assertProblem(new NotFoundException("gone"), 404, "not_found");
    assertProblem(
        new ConflictException(ConflictException.Reason.DUPLICATE_KEY, "taken"),
        409,
        "already_exists");
    assertProblem(
        new ConflictException(ConflictException.Reason.VERSION_MISMATCH, "moved"),
        409,
        "version_conflict");
    assertProblem(
        new ConflictException(ConflictException.Reason.IDEMPOTENCY_MISMATCH, "other"),
        422,
        "idempotency_key_reused");
    assertProblem(
        new ConflictException(ConflictException.Reason.STATE, "deleted"), 409, "state_conflict");
    assertProblem(new InvalidArgumentException("parent elsewhere"), 400, "validation_failed");
    assertProblem(new InternalStorageException("broken", null), 500, "internal_error");
    assertProblem(new IllegalStateException("bug"), 500, "internal_error");
  }

  @Test
  void aDuplicateNamesTheFieldAndNeverTheConstraintOrTheDriverText() {
    JsonNode named =
        body(
            render(
                new ConflictException(
                    ConflictException.Reason.DUPLICATE_KEY,
                    "username",
                    "UNIQUE constraint failed: users.username_lower",
                    null)));
    assertThat(named.get("detail").asString()).isEqualTo("username is already taken");
    JsonNode unnamed =
        body(
            render(
                new ConflictException(
                    ConflictException.Reason.DUPLICATE_KEY,
                    "duplicate key value violates unique constraint \"uq_channels_name\"")));
    assertThat(unnamed.get("code").asString()).isEqualTo("already_exists");
    assertThat(unnamed.get("detail").asString()).isEqualTo("conflicts with a stored value");
  }

  @Test
  void internalErrorsDoNotLeakTheirMessage() {
    JsonNode body = body(render(new InternalStorageException("password=secret", null)));
    assertThat(body.toString()).doesNotContain("secret");
  }

  private void assertProblem(Throwable error, int status, String code) {
    MockServerWebExchange exchange = render(error);
    assertThat(exchange.getResponse().getStatusCode().value()).as(code).isEqualTo(status);
    assertThat(body(exchange).get("code").asString()).isEqualTo(code);
  }
}
