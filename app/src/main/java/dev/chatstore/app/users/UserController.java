package dev.chatstore.app.users;

import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.JsonPatchBody;
import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.UserUpdate;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Registration and profiles: {@code /api/v1/users}. *
 *
 * @param storage the storage
 * @param passwords the password hasher
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
public record UserController(Storage storage, Passwords passwords) {

  /** A well-formed hash that no password hashes to, for checking the other fields early. */
  private static final PasswordHash CHECK_ONLY = PasswordHash.bcrypt("$2a$10$" + "x".repeat(53));

  /**
   * Registration.
   *
   * @param username 3 to 32 characters of a-z, 0-9, '_', '.', '-'
   * @param password 8 characters to 72 bytes
   * @param displayName shown to others; the username when absent
   * @param email optional e-mail address
   */
  public record Registration(
      String username, String password, @Nullable String displayName, @Nullable String email) {

    /** Checks what can be checked without I/O. */
    public Registration {
      if (username == null) {
        throw new IllegalArgumentException("username is required");
      }
      if (password == null) {
        throw new IllegalArgumentException("password is required");
      }
      Passwords.check(password);
      new NewUser(username, displayName == null ? username : displayName, email, null, CHECK_ONLY);
    }
  }

  /**
   * Registers a user.
   *
   * @param body the registration
   * @return 201 with the user; 409 when the username or e-mail is taken
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<UserView>> register(@RequestBody Registration body) {
    return passwords
        .hash(body.password())
        .flatMap(
            hash ->
                storage
                    .users()
                    .create(
                        new NewUser(
                            body.username(),
                            body.displayName() == null ? body.username() : body.displayName(),
                            body.email(),
                            null,
                            hash)))
        .map(
            user ->
                ResponseEntity.created(URI.create("/api/v1/users/" + user.id()))
                    .body(UserView.of(user, true)));
  }

  /**
   * The caller's profile.
   *
   * @param caller the signed-in user
   * @return the profile with e-mail
   */
  @GetMapping("/me")
  public Mono<UserView> me(Caller caller) {
    return user(caller.userId()).map(user -> UserView.of(user, true));
  }

  /**
   * Another user's profile.
   *
   * @param caller the signed-in user
   * @param id the user id
   * @return the profile without e-mail (unless it is the caller's)
   */
  @GetMapping("/{id}")
  public Mono<UserView> user(Caller caller, @PathVariable String id) {
    return user(Ids.user(id)).map(user -> UserView.of(user, user.id().equals(caller.userId())));
  }

  /**
   * Changes the caller's profile: {@code displayName}, {@code email} (null clears), {@code
   * publicKey} (null clears), {@code password}; absent fields stay.
   *
   * @param caller the signed-in user
   * @param body the change
   * @return the updated profile
   */
  @PatchMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<UserView> update(Caller caller, @RequestBody JsonNode body) {
    JsonPatchBody change =
        new JsonPatchBody(body, Set.of("displayName", "email", "publicKey", "password"));
    String displayName = change.text("displayName", false);
    String email = NewUser.email(change.text("email", true));
    String publicKey = NewUser.publicKey(change.text("publicKey", true));
    String password = change.text("password", false);
    if (displayName != null) {
      new UserUpdate(displayName, null, null, CHECK_ONLY);
    }
    if (password != null) {
      Passwords.check(password);
    }
    Mono<Optional<PasswordHash>> newHash =
        password == null ? Mono.just(Optional.empty()) : passwords.hash(password).map(Optional::of);
    return newHash.flatMap(
        hash ->
            user(caller.userId())
                .flatMap(
                    user -> {
                      UserUpdate update = UserUpdate.of(user);
                      if (displayName != null) {
                        update = update.withDisplayName(displayName);
                      }
                      if (change.has("email")) {
                        update = update.withEmail(email);
                      }
                      if (change.has("publicKey")) {
                        update = update.withPublicKey(publicKey);
                      }
                      if (hash.isPresent()) {
                        update = update.withPasswordHash(hash.get());
                      }
                      return storage.users().update(user.id(), user.version(), update);
                    })
                .map(user -> UserView.of(user, true)));
  }

  private Mono<User> user(UserId id) {
    return storage
        .users()
        .findById(id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("user")));
  }
}
