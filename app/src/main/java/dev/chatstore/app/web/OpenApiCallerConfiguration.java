package dev.chatstore.app.web;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the resolved {@link Caller} out of the OpenAPI document: it comes from the bearer token
 * (the document's security scheme), not from a query parameter named {@code caller}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiCallerConfiguration {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }
}
