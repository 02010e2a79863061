package dev.chatstore.app.config;

import dev.chatstore.app.web.StrictUtf8JsonDecoder;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON input: no silent coercion of numbers or booleans into text (or of text into numbers
 * and booleans), so {@code {"body": 42}} is a 400 rather than the message "42". Unknown fields and
 * trailing tokens are rejected through {@code spring.jackson.*} in {@code application.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

  /**
   * Turns scalar coercions into errors.
   *
   * @return the customizer
   */
  @Bean
  public JsonMapperBuilderCustomizer strictScalars() {
    return builder -> {
      builder.withCoercionConfig(
          LogicalType.Textual,
          c -> {
            c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
          });
      for (LogicalType type :
          new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
        builder.withCoercionConfig(
            type,
            c -> {
              c.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
              c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            });
      }
    };
  }

  /**
   * Decodes JSON request bodies only when they are well-formed UTF-8. Ordered last, so that it
   * replaces the decoder Spring Boot registers.
   *
   * @param mapper the application's JSON mapper
   * @return the customizer
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  public CodecCustomizer strictUtf8Json(JsonMapper mapper) {
    return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new StrictUtf8JsonDecoder(mapper));
  }
}
