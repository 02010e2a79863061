package dev.chatstore.app.web;

import dev.chatstore.storage.internal.Checks;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** Parses query parameters and headers with errors that name them. */
public final class Params {

  /** The page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 50;

  private Params() {}

  /**
   * Parses {@code limit}: 1 to 500, default 50.
   *
   * @param text the parameter or null
   * @return the limit
   */
  public static int limit(@Nullable String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    if (!text.matches("[0-9]{1,4}")) {
      throw ApiException.invalid("limit must be a whole number from 1 to " + Checks.MAX_LIMIT);
    }
    int limit = Integer.parseInt(text);
    if (limit < 1 || limit > Checks.MAX_LIMIT) {
      throw ApiException.invalid("limit must be a whole number from 1 to " + Checks.MAX_LIMIT);
    }
    return limit;
  }

  /**
   * Parses a boolean parameter.
   *
   * @param text the parameter or null
   * @param name its name
   * @return its value, false when absent
   */
  public static boolean flag(@Nullable String text, String name) {
    if (text == null) {
      return false;
    }
    return switch (text) {
      case "true", "1", "" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.invalid(name + " must be true or false");
    };
  }

  /**
   * Parses an enum given in lower case.
   *
   * @param type the enum
   * @param text the value or null
   * @param name the field name
   * @param fallback the value when absent
   * @param <E> the enum type
   * @return the constant
   */
  public static <E extends Enum<E>> E lowerEnum(
      Class<E> type, @Nullable String text, String name, E fallback) {
    if (text == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw ApiException.invalid(name + " must be one of " + allowed);
  }

  /**
   * Parses an {@code If-Match} header holding a version ETag ({@code "3"} or {@code W/"3"}).
   *
   * @param header the header or null
   * @return the expected version
   * @throws ApiException 428 when absent, 412 when it names no version
   */
  public static long ifMatch(@Nullable String header) {
    if (header == null || header.isBlank()) {
      throw new ApiException(
          HttpStatus.PRECONDITION_REQUIRED,
          "precondition_required",
          "send If-Match with the ETag of the version you edit");
    }
    String tag = header.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    if (!tag.matches("[1-9][0-9]{0,17}")) {
      throw preconditionFailed();
    }
    return Long.parseLong(tag);
  }

  /**
   * The 412 for a stale {@code If-Match}.
   *
   * @return the exception
   */
  public static ApiException preconditionFailed() {
    return new ApiException(
        HttpStatus.PRECONDITION_FAILED,
        "precondition_failed",
        "If-Match does not match the current version; read it again");
  }

  /**
   * The ETag of a version.
   *
   * @param version the version
   * @return the quoted tag
   */
  public static String etag(long version) {
    return "\"" + version + "\"";
  }
}
