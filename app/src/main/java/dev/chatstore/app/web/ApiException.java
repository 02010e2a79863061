package dev.chatstore.app.web;

import org.springframework.http.HttpStatus;

/**
 * An error the API reports as {@code application/problem+json} with a stable {@link #code()}.
 * Thrown or signalled anywhere in request handling; {@link ProblemHandler} renders it.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status
   * @param code the stable machine-readable code
   * @param detail what went wrong, for people
   */
  public ApiException(HttpStatus status, String code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
  }

  /**
   * The HTTP status.
   *
   * @return the status
   */
  public HttpStatus status() {
    return status;
  }

  /**
   * The stable code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * A 400 for input that breaks a rule.
   *
   * @param detail which rule
   * @return the exception
   */
  public static ApiException invalid(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", detail);
  }

  /**
   * A 400 for a malformed or forged cursor.
   *
   * @param detail what is wrong
   * @return the exception
   */
  public static ApiException invalidCursor(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_cursor", detail);
  }

  /**
   * A 401.
   *
   * @param detail why
   * @return the exception
   */
  public static ApiException unauthorized(String detail) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
  }

  /**
   * A 403.
   *
   * @param detail what the caller may not do
   * @return the exception
   */
  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
  }

  /**
   * A 404.
   *
   * @param what names what was not found, such as {@code channel}
   * @return the exception
   */
  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + "_not_found", "no such " + what);
  }

  /**
   * A 409.
   *
   * @param code the stable code
   * @param detail what conflicts
   * @return the exception
   */
  public static ApiException conflict(String code, String detail) {
    return new ApiException(HttpStatus.CONFLICT, code, detail);
  }
}
