package dev.chatstore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Requests the HTTP server rejects before they reach the application (bad percent-encoding, control
 * characters in headers, over-long URLs and headers) still get a problem+json with a code, sent
 * over a raw socket as a client that nobody on the team wrote might send them.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "chatstore.password-hashing.strength=4")
@Timeout(120)
class MalformedRequestIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void storage(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("chatstore-malformed");
    registry.add("chatstore.storage.url", () -> "sqlite:" + dir.resolve("malformed.db"));
  }

  private String exchange(String head) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        answer.write(buffer, 0, n);
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        if (text.contains("\r\n\r\n") && text.endsWith("}")) {
          break;
        }
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static void assertProblem(String response, int status, String code) {
    assertThat(response).as(response).startsWith("HTTP/1.1 " + status);
    assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
    assertThat(response).contains("\"code\":\"" + code + "\"");
  }

  @Test
  void aMalformedPercentEncodingIsA400Problem() throws IOException {
    assertProblem(
        exchange("GET /api/v1/messages/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        400,
        "malformed_request");
  }

  @Test
  void aControlCharacterInAHeaderIsA400Problem() throws IOException {
    assertProblem(
        exchange(
            "GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0001b"
                + "\r\n\r\n"),
        400,
        "malformed_request");
  }

  @Test
  void anOverlongUrlIsA414Problem() throws IOException {
    assertProblem(
        exchange(
            "GET /api/v1/users/me?x="
                + "a".repeat(70_000)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        414,
        "uri_too_long");
  }

  @Test
  void overlongHeadersAreA431Problem() throws IOException {
    assertProblem(
        exchange(
            "GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nX-Long: "
                + "a".repeat(70_000)
                + "\r\n\r\n"),
        431,
        "headers_too_large");
  }

  @Test
  void theApplicationsOwnErrorsAreUntouched() throws IOException {
    String response = exchange("GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertProblem(response, 401, "unauthorized");
  }
}
