package dev.chatstore.app.sessions;

import dev.chatstore.app.users.UserView;
import dev.chatstore.app.web.Caller;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Login and logout: {@code /api/v1/sessions}. *
 *
 * @param sessions the session service
 */
@RestController
@RequestMapping(path = "/api/v1/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
public record SessionController(SessionService sessions) {

  /**
   * Credentials.
   *
   * @param username the username
   * @param password the password
   */
  public record Credentials(String username, String password) {

    /** Requires both. */
    public Credentials {
      if (username == null || password == null) {
        throw new IllegalArgumentException("username and password are required");
      }
    }
  }

  /**
   * A new session.
   *
   * @param token the bearer token: send it as {@code Authorization: Bearer <token>}
   * @param expiresAt when it expires unless used
   * @param user the signed-in user
   */
  public record SessionView(String token, Instant expiresAt, UserView user) {}

  /**
   * Logs in.
   *
   * @param credentials username and password
   * @return 201 with the token; 401 when wrong
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public Mono<SessionView> login(@RequestBody Credentials credentials) {
    return sessions
        .login(credentials.username(), credentials.password())
        .map(
            login ->
                new SessionView(
                    login.token(), login.session().expiresAt(), UserView.of(login.user(), true)));
  }

  /**
   * Logs out: revokes the session of the token used.
   *
   * @param caller the signed-in caller
   * @return 204
   */
  @DeleteMapping("/current")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public Mono<Void> logout(Caller caller) {
    return sessions.logout(caller);
  }
}
