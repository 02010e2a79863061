package dev.chatstore.app.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Resolves {@link Caller} parameters from the bearer token. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebFluxConfigurer {

  private final Authenticator authenticator;

  /**
   * Creates the configuration.
   *
   * @param authenticator resolves tokens
   */
  public WebConfiguration(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(
        new HandlerMethodArgumentResolver() {
          @Override
          public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
          }

          @Override
          public Mono<Object> resolveArgument(
              MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
            Mono<Caller> resolved = ActorFilter.resolved(exchange);
            if (resolved != null) {
              return resolved.cast(Object.class);
            }
            return authenticator
                .authenticate(
                    exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                .cast(Object.class);
          }
        });
  }
}
