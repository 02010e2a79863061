package dev.chatstore.app.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rejects a request whose declared {@code Content-Length} exceeds 1 MiB with 413 before reading it.
 * Bodies without a length are cut off by the codecs' limit ({@code
 * spring.codec.max-in-memory-size}, also 1 MiB), which the {@link ProblemHandler} turns into the
 * same 413.
 */
@Component
@Order(-100)
public class BodyLimitFilter implements WebFilter {

  /** The largest request body accepted, in bytes. */
  public static final long MAX_BODY = 1024 * 1024;

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > MAX_BODY) {
      return Mono.error(
          new ApiException(
              HttpStatus.CONTENT_TOO_LARGE,
              "payload_too_large",
              "request bodies are limited to 1 MiB"));
    }
    return chain.filter(exchange);
  }
}
