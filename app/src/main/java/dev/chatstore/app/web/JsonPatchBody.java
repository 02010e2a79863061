package dev.chatstore.app.web;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A partial-update body read as a JSON object: a field that is absent stays as it is, a field that
 * is {@code null} is cleared (where allowed). Unknown fields and wrong types are 400s.
 */
public final class JsonPatchBody {

  private final JsonNode node;

  /**
   * Wraps a body and checks its field names.
   *
   * @param node the parsed body
   * @param allowed the known fields
   */
  public JsonPatchBody(JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "wrong_type", "the body must be an object");
    }
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST, "unknown_field", "unknown field '" + name + "'");
      }
    }
    this.node = node;
  }

  /**
   * Whether the field is present (possibly null).
   *
   * @param name the field
   * @return true if present
   */
  public boolean has(String name) {
    return node.has(name);
  }

  /**
   * A text field.
   *
   * @param name the field
   * @param nullable whether null is allowed
   * @return the text, or null when the field is null (or absent)
   */
  public @Nullable String text(String name, boolean nullable) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (value.isNull()) {
      if (!nullable) {
        throw ApiException.invalid(name + " cannot be null");
      }
      return null;
    }
    if (!value.isString()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "wrong_type", "field '" + name + "' must be a string");
    }
    return value.asString();
  }

  /**
   * A boolean field.
   *
   * @param name the field
   * @return its value, or null when absent
   */
  public @Nullable Boolean bool(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "wrong_type", "field '" + name + "' must be true or false");
    }
    return value.asBoolean();
  }
}
