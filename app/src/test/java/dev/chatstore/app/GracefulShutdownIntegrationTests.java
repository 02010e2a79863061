package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Direction;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.Storages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Shutting down while posts are in flight: every post answered 201 is stored, every stored post was
 * answered 201, and nothing is answered with a 5xx.
 */
@Timeout(180)
class GracefulShutdownIntegrationTests {

  @Test
  void shutdownFinishesInFlightWrites() throws Exception {
    Path dir = Files.createTempDirectory("chatstore-shutdown");
    String url = "sqlite:" + dir.resolve("shutdown.db");
    ConfigurableApplicationContext app =
        SpringApplication.run(
            ChatstoreApplication.class,
            "--server.port=0",
            "--chatstore.storage.url=" + url,
            "--chatstore.password-hashing.strength=4",
            "--spring.main.banner-mode=off");
    int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + port + "/api/v1";
    call(http, base + "/users", null, "{\"username\":\"closer\",\"password\":\"password1\"}");
    String token =
        call(http, base + "/sessions", null, "{\"username\":\"closer\",\"password\":\"password1\"}")
            .get("token")
            .asString();
    String channel =
        call(http, base + "/channels", token, "{\"name\":\"closing\"}").get("id").asString();

    List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      posts.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "/channels/" + channel + "/messages"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "post-" + i)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"post " + i + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
      if (i == 100) {
        posts.get(50).get(60, TimeUnit.SECONDS); // some have been answered: shut down now
        CompletableFuture.runAsync(app::close);
      }
    }
    Set<String> answered = new HashSet<>();
    List<Integer> unanswered = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      try {
        HttpResponse<String> r = posts.get(i).get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isLessThan(500);
        if (r.statusCode() == 201) {
          answered.add(Api.JSON.readTree(r.body()).get("id").asString());
        } else {
          unanswered.add(i);
        }
      } catch (ExecutionException lost) {
        unanswered.add(i);
      }
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !app.isActive() && !app.isRunning());
    assertThat(answered).hasSizeGreaterThanOrEqualTo(51);
    assertThat(stored(url, channel)).containsAll(answered);

    // the clients retry what they did not get an answer for, with the same keys
    ConfigurableApplicationContext again =
        SpringApplication.run(
            ChatstoreApplication.class,
            "--server.port=0",
            "--chatstore.storage.url=" + url,
            "--chatstore.password-hashing.strength=4",
            "--spring.main.banner-mode=off");
    try {
      int port2 = again.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      String base2 = "http://localhost:" + port2 + "/api/v1";
      String token2 =
          call(
                  http,
                  base2 + "/sessions",
                  null,
                  "{\"username\":\"closer\",\"password\":\"password1\"}")
              .get("token")
              .asString();
      for (int i : unanswered) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base2 + "/channels/" + channel + "/messages"))
                    .header("Authorization", "Bearer " + token2)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "post-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"post " + i + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        answered.add(Api.JSON.readTree(r.body()).get("id").asString());
      }
    } finally {
      again.close();
    }
    assertThat(answered).hasSize(200);
    assertThat(stored(url, channel)).containsExactlyInAnyOrderElementsOf(answered);
  }

  private static Set<String> stored(String url, String channel) {
    Set<String> stored = new HashSet<>();
    try (Storage storage = Storages.open(url)) {
      List<Message> all =
          storage.messages().stream(ChannelId.parse(channel), 0, Direction.FORWARD)
              .collectList()
              .block(Duration.ofSeconds(30));
      all.forEach(m -> stored.add(m.id().toString()));
    }
    return stored;
  }

  private static JsonNode call(HttpClient http, String url, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Api.JSON.readTree(r.body());
  }
}
