package dev.chatstore.app.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
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
}
