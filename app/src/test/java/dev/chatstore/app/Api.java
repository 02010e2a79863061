package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client for the API over {@link WebTestClient}, for readable tests. */
public final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebTestClient client;

  Api(WebTestClient client) {
    this.client = client;
  }

  /** A response: status, headers and the body as JSON (null when empty or not JSON). */
  public record Response(int status, HttpHeaders headers, byte[] raw, @Nullable JsonNode json) {

    /** The body's field as text. */
    public String text(String field) {
      assertThat(json).as("JSON body").isNotNull();
      JsonNode node = json.get(field);
      assertThat(node).as("field %s in %s", field, json).isNotNull();
      return node.asString();
    }

    /** Asserts the status and, for errors, the problem code. */
    public Response expect(int expected) {
      assertThat(status).as("status of %s", body()).isEqualTo(expected);
      return this;
    }

    /** Asserts a problem response with a status and code. */
    public Response problem(int expected, String code) {
      expect(expected);
      assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(text("code")).isEqualTo(code);
      return this;
    }

    /** The body as text. */
    public String body() {
      return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Sends a request. */
  public Response call(
      HttpMethod method,
      String path,
      @Nullable String token,
      @Nullable Object body,
      Consumer<HttpHeaders> headers) {
    WebTestClient.RequestBodySpec spec =
        client
            .method(method)
            .uri(path)
            .headers(
                h -> {
                  if (token != null) {
                    h.setBearerAuth(token);
                  }
                  headers.accept(h);
                });
    WebTestClient.RequestHeadersSpec<?> ready;
    if (body instanceof byte[] bytes) {
      ready = spec.contentType(MediaType.APPLICATION_JSON).bodyValue(bytes);
    } else if (body instanceof String text) {
      ready =
          spec.contentType(MediaType.APPLICATION_JSON)
              .bodyValue(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if (body != null) {
      ready = spec.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsBytes(body));
    } else {
      ready = spec;
    }
    EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
    byte[] raw = result.getResponseBody() == null ? new byte[0] : result.getResponseBody();
    JsonNode json = null;
    MediaType type = result.getResponseHeaders().getContentType();
    if (raw.length > 0
        && type != null
        && type.getSubtype().endsWith("json")
        && !type.getSubtype().endsWith("ndjson")) {
      json = JSON.readTree(raw);
    }
    return new Response(result.getStatus().value(), result.getResponseHeaders(), raw, json);
  }

  public Response get(String path, @Nullable String token) {
    return call(HttpMethod.GET, path, token, null, h -> {});
  }

  public Response post(String path, @Nullable String token, @Nullable Object body) {
    return call(HttpMethod.POST, path, token, body, h -> {});
  }

  public Response put(String path, @Nullable String token, @Nullable Object body) {
    return call(HttpMethod.PUT, path, token, body, h -> {});
  }

  public Response patch(String path, @Nullable String token, @Nullable Object body) {
    return call(HttpMethod.PATCH, path, token, body, h -> {});
  }

  public Response delete(String path, @Nullable String token) {
    return call(HttpMethod.DELETE, path, token, null, h -> {});
  }

  /** Registers a user with password "password1" and returns its id. */
  public String register(String username) {
    return post("/api/v1/users", null, Map.of("username", username, "password", "password1"))
        .expect(201)
        .text("id");
  }

  /** Logs in and returns the token. */
  public String login(String username) {
    return post("/api/v1/sessions", null, Map.of("username", username, "password", "password1"))
        .expect(201)
        .text("token");
  }

  /** A signed-in user. */
  public record User(String id, String token) {}

  /** Registers and logs in. */
  public User user(String username) {
    String id = register(username);
    return new User(id, login(username));
  }

  /** Creates a channel and returns its id. */
  public String channel(User owner, String name, String visibility) {
    return post("/api/v1/channels", owner.token(), Map.of("name", name, "visibility", visibility))
        .expect(201)
        .text("id");
  }

  /** Posts a message and returns the response. */
  public Response postMessage(User author, String channel, String body) {
    return post("/api/v1/channels/" + channel + "/messages", author.token(), Map.of("body", body));
  }
}
