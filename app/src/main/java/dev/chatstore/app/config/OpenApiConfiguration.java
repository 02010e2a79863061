package dev.chatstore.app.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: title, and bearer tokens as the scheme. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  /**
   * The document's header.
   *
   * @return the OpenAPI model springdoc completes from the controllers
   */
  @Bean
  public OpenAPI chatstoreOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("chatstore")
                .version("v1")
                .description(
                    "Users, sessions, channels, members and message history. Errors are"
                        + " application/problem+json with a stable code. History is served as"
                        + " JSON pages, NDJSON (application/x-ndjson) or server-sent events"
                        + " (text/event-stream), chosen by Accept."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
