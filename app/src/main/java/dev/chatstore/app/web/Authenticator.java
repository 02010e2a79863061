package dev.chatstore.app.web;

import reactor.core.publisher.Mono;

/** Turns an {@code Authorization} header value into a {@link Caller}. */
public interface Authenticator {

  /**
   * Authenticates.
   *
   * @param authorization the header value, or null when absent
   * @return a {@code Mono} of the caller; signals a 401 {@link ApiException} when the token is
   *     missing, malformed, unknown, revoked or expired
   */
  Mono<Caller> authenticate(@org.jspecify.annotations.Nullable String authorization);
}
