package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.NewUser;
import dev.chatstore.storage.PasswordHash;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.User;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Users created through the library sign in through the service: a {@link PasswordHash} of either
 * scheme, written with the storage the application uses, verifies at {@code POST /api/v1/sessions};
 * the service itself stores {@code {bcrypt}} hashes. Each backend runs it through a subclass that
 * supplies the storage URL.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "chatstore.password-hashing.strength=4",
      "chatstore.session-ttl=1h",
      "chatstore.cursor-secret=test-secret"
    })
@Timeout(120)
abstract class AbstractLibraryUserApiTests {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired ApplicationContext context;
  @Autowired Storage storage;

  Api api;

  @BeforeEach
  void bindClient() {
    api =
        new Api(
            WebTestClient.bindToApplicationContext(context)
                .configureClient()
                .responseTimeout(Duration.ofSeconds(30))
                .build());
  }

  private static String unique(String prefix) {
    return prefix
        + SEQUENCE.incrementAndGet()
        + "x"
        + Long.toString(System.nanoTime() % 100000, 36);
  }

  private Api.Response signIn(String username, String password) {
    return api.post("/api/v1/sessions", null, Map.of("username", username, "password", password));
  }

  @Test
  void aUserCreatedThroughTheLibraryWithPbkdf2SignsIn() {
    String carol = unique("carol");
    User created =
        storage
            .users()
            .create(NewUser.of(carol, PasswordHash.pbkdf2("correct horse".toCharArray())))
            .block();
    Api.Response login = signIn(carol, "correct horse").expect(201);
    assertThat(login.json().get("user").get("id").asString()).isEqualTo(created.id().toString());
    assertThat(api.get("/api/v1/users/me", login.text("token")).expect(200).text("username"))
        .isEqualTo(carol);
    signIn(carol, "wrong horse").problem(401, "unauthorized");
  }

  @Test
  void aUserCreatedThroughTheLibraryWithBcryptSignsIn() {
    String dave = unique("dave");
    String bcrypt = new BCryptPasswordEncoder(4).encode("battery staple");
    storage.users().create(NewUser.of(dave, PasswordHash.bcrypt(bcrypt))).block();
    signIn(dave, "battery staple").expect(201);
    signIn(dave, "battery stapler").problem(401, "unauthorized");
  }

  @Test
  void theServiceStoresPrefixedBcryptHashesThatStillSignIn() {
    String erin = unique("erin");
    api.register(erin);
    PasswordHash stored = storage.users().findByUsername(erin).block().passwordHash();
    assertThat(stored.scheme()).isEqualTo(PasswordHash.BCRYPT);
    assertThat(stored.value()).startsWith("{bcrypt}$2a$04$");
    assertThat(api.login(erin)).hasSize(43);
    signIn(unique("nobody"), "password1").problem(401, "unauthorized");
  }
}
