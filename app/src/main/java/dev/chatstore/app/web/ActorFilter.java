package dev.chatstore.app.web;

import dev.chatstore.storage.Actor;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates an API request that carries {@code Authorization} once, before routing, and runs
 * the rest of the request with the signed-in user as the storage {@link Actor} in the Reactor
 * context: every store call the request makes (membership changes, edits, deletes, retention) is
 * then audited and recorded in edit history under that user, whichever controller makes it.
 *
 * <p>The outcome is kept in an exchange attribute that the {@link Caller} argument resolver reuses,
 * so a request still costs one session lookup. A failed authentication does not fail here: an
 * endpoint that needs a caller reports it (401, 503), one that does not (login, registration)
 * ignores it.
 */
@Component
@Order(-50)
public class ActorFilter implements WebFilter {

  /** The exchange attribute holding a {@link Caller} or the {@link Throwable} that denied one. */
  public static final String CALLER = ActorFilter.class.getName() + ".caller";

  private final Authenticator authenticator;

  /**
   * Creates the filter.
   *
   * @param authenticator resolves tokens
   */
  public ActorFilter(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    return authenticator
        .authenticate(authorization)
        .doOnNext(caller -> exchange.getAttributes().put(CALLER, caller))
        .doOnError(e -> exchange.getAttributes().put(CALLER, e))
        .map(caller -> Actor.of(caller.userId()))
        .onErrorResume(e -> Mono.empty())
        .flatMap(actor -> chain.filter(exchange).contextWrite(actor).thenReturn(Boolean.TRUE))
        .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(Boolean.TRUE)))
        .then();
  }

  /**
   * What this filter found for an exchange, for the argument resolver.
   *
   * @param exchange the exchange
   * @return a {@code Mono} of the caller or the error that denied one; null when the filter did not
   *     run
   */
  static @org.jspecify.annotations.Nullable Mono<Caller> resolved(ServerWebExchange exchange) {
    Object found = exchange.getAttribute(CALLER);
    if (found instanceof Caller caller) {
      return Mono.just(caller);
    }
    if (found instanceof Throwable error) {
      return Mono.error(error);
    }
    return null;
  }
}
