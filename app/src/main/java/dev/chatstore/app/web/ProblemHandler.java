package dev.chatstore.app.web;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.TransientStorageException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error, the API's own and the framework's (unknown route, wrong method, bad media
 * type, unreadable body, body too large), as {@code application/problem+json} (RFC 9457) with a
 * stable {@code code} member. Runs before Spring Boot's default handler.
 */
@Component
@Order(-2)
public class ProblemHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final JsonMapper json;

  /**
   * Creates the handler.
   *
   * @param json the JSON mapper
   */
  public ProblemHandler(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    Problem problem = problemOf(error);
    if (problem.status.is5xxServerError()) {
      if (problem.status == HttpStatus.SERVICE_UNAVAILABLE) {
        log.warn("{} {}: {}", method(exchange), path(exchange), error.toString());
      } else {
        log.error("{} {} failed", method(exchange), path(exchange), error);
      }
    } else {
      log.debug("{} {}: {}", method(exchange), path(exchange), problem.status, error);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.status.getReasonPhrase());
    body.put("status", problem.status.value());
    body.put("code", problem.code);
    body.put("detail", problem.detail);
    body.put("instance", path(exchange));
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JacksonException e) {
      bytes =
          ("{\"status\":" + problem.status.value() + ",\"code\":\"" + problem.code + "\"}")
              .getBytes(StandardCharsets.UTF_8);
    }
    var response = exchange.getResponse();
    response.setStatusCode(problem.status);
    HttpHeaders headers = response.getHeaders();
    headers.remove(HttpHeaders.ETAG);
    headers.remove(HttpHeaders.LOCATION);
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(bytes.length);
    if (problem.status == HttpStatus.SERVICE_UNAVAILABLE) {
      headers.set(HttpHeaders.RETRY_AFTER, "1");
    }
    if (error instanceof MethodNotAllowedException e && !e.getSupportedMethods().isEmpty()) {
      headers.setAllow(e.getSupportedMethods());
    }
    if (problem.status == HttpStatus.UNAUTHORIZED) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }

  private record Problem(HttpStatus status, String code, String detail) {}

  static Problem problemOf(Throwable error) {
    if (error instanceof ApiException e) {
      return new Problem(e.status(), e.code(), message(e));
    }
    if (error instanceof StorageException e) {
      return storageProblem(e);
    }
    if (error instanceof RejectedExecutionException) {
      return new Problem(
          HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the service is busy; retry shortly");
    }
    if (error instanceof IllegalArgumentException e) {
      return new Problem(HttpStatus.BAD_REQUEST, "validation_failed", message(e));
    }
    if (find(error, DataBufferLimitException.class) != null
        || error instanceof ContentTooLargeException) {
      return new Problem(
          HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "request bodies are limited to 1 MiB");
    }
    if (error instanceof MethodNotAllowedException e) {
      return new Problem(
          HttpStatus.METHOD_NOT_ALLOWED,
          "method_not_allowed",
          e.getHttpMethod() + " is not allowed here; allowed: " + e.getSupportedMethods());
    }
    if (error instanceof NotAcceptableStatusException e) {
      return new Problem(
          HttpStatus.NOT_ACCEPTABLE,
          "not_acceptable",
          "cannot produce the requested media type; available: " + e.getSupportedMediaTypes());
    }
    if (error instanceof UnsupportedMediaTypeStatusException e) {
      return new Problem(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "content type "
              + (e.getContentType() == null ? "(none)" : e.getContentType())
              + " is not supported; use "
              + e.getSupportedMediaTypes());
    }
    if (error instanceof ServerWebInputException e) {
      return inputProblem(e);
    }
    if (error instanceof ResponseStatusException e) {
      HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
      if (status == null) {
        status = HttpStatus.INTERNAL_SERVER_ERROR;
      }
      if (status == HttpStatus.NOT_FOUND) {
        return new Problem(status, "route_not_found", "no such route");
      }
      return new Problem(
          status,
          status.name().toLowerCase(java.util.Locale.ROOT),
          e.getReason() == null ? status.getReasonPhrase() : e.getReason());
    }
    return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  private static Problem storageProblem(StorageException e) {
    if (e instanceof NotFoundException) {
      return new Problem(HttpStatus.NOT_FOUND, "not_found", message(e));
    }
    if (e instanceof ConflictException c) {
      return switch (c.reason()) {
        case DUPLICATE_KEY ->
            new Problem(
                HttpStatus.CONFLICT,
                "already_exists",
                c.field()
                    .map(field -> field + " is already taken")
                    .orElse("conflicts with a stored value"));
        case VERSION_MISMATCH ->
            new Problem(
                HttpStatus.CONFLICT,
                "version_conflict",
                "it changed meanwhile; read it again and retry");
        case IDEMPOTENCY_MISMATCH ->
            new Problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency_key_reused",
                "this Idempotency-Key was already used with another payload");
        case STATE -> new Problem(HttpStatus.CONFLICT, "state_conflict", message(e));
      };
    }
    if (e instanceof InvalidArgumentException) {
      return new Problem(HttpStatus.BAD_REQUEST, "validation_failed", message(e));
    }
    if (e instanceof TransientStorageException) {
      return new Problem(
          HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "storage is busy; retry shortly");
    }
    // internal errors, and any kind added later: never leak their text
    return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "internal error");
  }

  private static Problem inputProblem(ServerWebInputException e) {
    if (e instanceof MissingRequestValueException m) {
      return new Problem(
          HttpStatus.BAD_REQUEST,
          "missing_value",
          "missing " + m.getLabel() + " '" + m.getName() + "'");
    }
    ValueInstantiationException instantiation = find(e, ValueInstantiationException.class);
    if (instantiation != null) {
      ApiException api = find(instantiation, ApiException.class);
      if (api != null) {
        return new Problem(api.status(), api.code(), message(api));
      }
      IllegalArgumentException invalid = find(instantiation, IllegalArgumentException.class);
      return new Problem(
          HttpStatus.BAD_REQUEST,
          "validation_failed",
          invalid != null ? message(invalid) : "the body has invalid values");
    }
    UnrecognizedPropertyException unknown = find(e, UnrecognizedPropertyException.class);
    if (unknown != null) {
      return new Problem(
          HttpStatus.BAD_REQUEST,
          "unknown_field",
          "unknown field '" + unknown.getPropertyName() + "'");
    }
    InvalidFormatException format = find(e, InvalidFormatException.class);
    MismatchedInputException mismatch = find(e, MismatchedInputException.class);
    if (format != null || mismatch != null) {
      MismatchedInputException m = format != null ? format : mismatch;
      StringBuilder field = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getPropertyName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(ref.getPropertyName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
      return new Problem(
          HttpStatus.BAD_REQUEST,
          "wrong_type",
          field.length() == 0
              ? "the body has the wrong shape"
              : "field '" + field + "' has the wrong type");
    }
    if (e.getMethodParameter() != null
        && e.getMethodParameter().hasParameterAnnotation(RequestBody.class)
        && e.getCause() instanceof DecodingException d
        && d.getCause() == null) {
      // an empty body: the decoder had nothing to fail on, so the decoding error has no cause
      return new Problem(HttpStatus.BAD_REQUEST, "missing_body", "a JSON body is required");
    }
    if (find(e, StreamReadException.class) != null
        || find(e, java.io.CharConversionException.class) != null
        || find(e, DecodingException.class) != null) {
      return new Problem(HttpStatus.BAD_REQUEST, "malformed_json", "the body is not valid JSON");
    }
    return new Problem(
        HttpStatus.BAD_REQUEST,
        "bad_request",
        e.getReason() == null ? "bad request" : e.getReason());
  }

  private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 10; depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      t = t.getCause();
    }
    return null;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static String method(ServerWebExchange exchange) {
    return exchange.getRequest().getMethod().name();
  }

  private static String path(ServerWebExchange exchange) {
    return exchange.getRequest().getPath().value();
  }
}
