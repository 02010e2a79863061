package dev.chatstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTests {

  private static final String BCRYPT =
      "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

  private static String b64(int bytes) {
    return Base64.getEncoder().encodeToString(new byte[bytes]);
  }

  @Test
  void aPrefixedBcryptHashIsAcceptedAndSplitIntoSchemeAndEncoding() {
    PasswordHash hash = new PasswordHash("{bcrypt}" + BCRYPT);
    assertThat(hash.scheme()).isEqualTo(PasswordHash.BCRYPT);
    assertThat(hash.encoded()).isEqualTo(BCRYPT);
    assertThat(PasswordHash.bcrypt(BCRYPT)).isEqualTo(hash);
    assertThat(hash.toString()).isEqualTo("PasswordHash[{bcrypt}…]").doesNotContain(BCRYPT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
  void legacyUnprefixedBcryptIsNormalisedWhenRead(String variant) {
    String legacy = variant + BCRYPT.substring(4);
    PasswordHash hash = PasswordHash.of(legacy);
    assertThat(hash.value()).isEqualTo("{bcrypt}" + legacy);
    assertThat(PasswordHash.of(hash.value()))
        .as("the prefixed form reads as itself")
        .isEqualTo(hash);
  }

  @Test
  void anUnprefixedValueIsRefusedByTheConstructor() {
    assertThatThrownBy(() -> new PasswordHash(BCRYPT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheme prefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{noop}secret", "{sha256}abc", "{}x", "{BCRYPT}x"})
  void anUnknownSchemeIsRefusedByName(String value) {
    assertThatThrownBy(() -> PasswordHash.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme {" + value.substring(1, value.indexOf('}')) + "}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$2a$10$tooShort",
        "$2x$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "$2a$1$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWyy",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhW!",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWyX"
      })
  void aMalformedBcryptHashIsRefused(String encoded) {
    assertThatThrownBy(() -> PasswordHash.bcrypt(encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a bcrypt hash");
  }

  @Test
  void malformedPbkdf2HashesAreRefusedNamingTheProblem() {
    String prefix = "{pbkdf2-sha256}";
    assertThatThrownBy(() -> new PasswordHash(prefix + "310000$" + b64(16)))
        .hasMessageContaining("expected <iterations>$<salt base64>$<hash base64>");
    assertThatThrownBy(() -> new PasswordHash(prefix + "abc$" + b64(16) + "$" + b64(32)))
        .hasMessageContaining("expected <iterations>");
    assertThatThrownBy(() -> new PasswordHash(prefix + "1000$" + b64(16) + "$" + b64(32)))
        .hasMessageContaining("iterations must be from 10000 to 10000000, not 1000");
    assertThatThrownBy(() -> new PasswordHash(prefix + "310000$" + b64(8) + "$" + b64(32)))
        .hasMessageContaining("salt of 8 bytes; at least 16");
    assertThatThrownBy(() -> new PasswordHash(prefix + "310000$" + b64(16) + "$" + b64(20)))
        .hasMessageContaining("hash of 20 bytes; expected 32");
    assertThatThrownBy(() -> new PasswordHash(prefix + "310000$a=b$" + b64(32)))
        .hasMessageContaining("salt that is not valid base64");
    assertThat(new PasswordHash(prefix + "310000$" + b64(16) + "$" + b64(32)).scheme())
        .isEqualTo(PasswordHash.PBKDF2_SHA256);
  }

  @Test
  void blankNullAndOverlongValuesAreRefused() {
    assertThatThrownBy(() -> PasswordHash.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PasswordHash(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> new PasswordHash("{bcrypt}" + "x".repeat(600)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pbkdf2RoundTripsAndRefusesAWrongPassword() {
    PasswordHash hash = PasswordHash.pbkdf2("correct horse".toCharArray());
    assertThat(hash.value()).startsWith("{pbkdf2-sha256}310000$");
    String[] parts = hash.encoded().split("\\$");
    assertThat(Base64.getDecoder().decode(parts[1])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(32);
    assertThat(PasswordHash.of(hash.value())).as("reads back as stored").isEqualTo(hash);
    assertThat(hash.matches("correct horse".toCharArray())).isTrue();
    assertThat(hash.matches("correct horsf".toCharArray())).isFalse();
    assertThat(hash.matches(new char[0])).isFalse();
  }

  @Test
  void pbkdf2SaltsEveryHashAnew() {
    PasswordHash a = PasswordHash.pbkdf2("same".toCharArray(), PasswordHash.PBKDF2_MIN_ITERATIONS);
    PasswordHash b = PasswordHash.pbkdf2("same".toCharArray(), PasswordHash.PBKDF2_MIN_ITERATIONS);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.value()).startsWith("{pbkdf2-sha256}10000$");
    assertThat(b.matches("same".toCharArray())).isTrue();
  }

  @Test
  void pbkdf2RefusesAnEmptyPasswordAndAnIterationCountOutOfRange() {
    assertThatThrownBy(() -> PasswordHash.pbkdf2(new char[0]))
        .hasMessageContaining("password must not be empty");
    assertThatThrownBy(() -> PasswordHash.pbkdf2("x".toCharArray(), 9_999))
        .hasMessageContaining("iterations must be from");
  }

  @Test
  void matchesIsForPbkdf2Only() {
    assertThatThrownBy(() -> PasswordHash.bcrypt(BCRYPT).matches("x".toCharArray()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("not bcrypt");
  }

  @Test
  void newUserTakesAPasswordHashAndTheDeprecatedStringFormValidatesIt() {
    PasswordHash hash = PasswordHash.bcrypt(BCRYPT);
    assertThat(NewUser.of("carol", hash).passwordHash()).isEqualTo(hash);
    @SuppressWarnings("deprecation")
    NewUser legacy = NewUser.of("carol", BCRYPT);
    assertThat(legacy.passwordHash()).isEqualTo(hash);
    assertThatThrownBy(() -> newUserWithString("not a hash"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheme prefix");
    assertThatThrownBy(() -> NewUser.of("carol", (PasswordHash) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("passwordHash");
  }

  @SuppressWarnings("deprecation")
  private static NewUser newUserWithString(String hash) {
    return NewUser.of("carol", hash);
  }
}
