package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.NotFoundException;
import dev.chatstore.storage.Session;
import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.TokenHash;
import dev.chatstore.storage.User;
import dev.chatstore.storage.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The contract of {@link SessionStore}: token hashes, expiry by the storage clock, revocation. */
public abstract class SessionStoreContractTests extends StorageContractSupport {

  private static final Duration DAY = Duration.ofDays(1);

  /** For subclasses. */
  protected SessionStoreContractTests() {}

  private SessionStore sessions() {
    return storage().sessions();
  }

  private Session newSession(User user, Instant expiresAt) {
    return await(sessions().create(user.id(), TestData.tokenHash(), expiresAt));
  }

  @Test
  void createStoresTheSessionStampedByTheClock() {
    User user = newUser();
    TokenHash hash = TestData.tokenHash();
    Instant expiresAt = clock.instant().plus(DAY).plusNanos(4_321);
    Session session = await(sessions().create(user.id(), hash, expiresAt));
    assertThat(session.userId()).isEqualTo(user.id());
    assertThat(session.tokenHash()).isEqualTo(hash);
    assertThat(session.createdAt()).isEqualTo(clock.micros());
    assertThat(session.lastSeenAt()).isEqualTo(clock.micros());
    assertThat(session.expiresAt()).isEqualTo(expiresAt.truncatedTo(ChronoUnit.MICROS));
    sessions().findByTokenHash(hash).as(StepVerifier::create).expectNext(session).verifyComplete();
  }

  @Test
  void createForAMissingUserIsAnInvalidArgument() {
    UserId missing = UserId.generate();
    sessions()
        .create(missing, TestData.tokenHash(), clock.instant().plus(DAY))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(InvalidArgumentException.class, "user " + missing + " does not exist"))
        .verify();
  }

  @Test
  void createWithAnExpiryNotAfterNowIsAnInvalidArgument() {
    User user = newUser();
    sessions()
        .create(user.id(), TestData.tokenHash(), clock.instant())
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(
                InvalidArgumentException.class,
                "expiresAt must be after now, got " + clock.micros()))
        .verify();
  }

  @Test
  void createWithAStoredHashIsAConflict() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(DAY));
    sessions()
        .create(newUser().id(), session.tokenHash(), clock.instant().plus(DAY))
        .as(StepVerifier::create)
        .expectErrorMatches(conflict(ConflictException.Reason.DUPLICATE_KEY))
        .verify();
  }

  @Test
  void findByTokenHashIsEmptyForAnUnknownHash() {
    sessions().findByTokenHash(TestData.tokenHash()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void aSessionExpiresByTheStorageClock() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10).minusNanos(1_000));
    sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .as("a microsecond before")
        .expectNext(session)
        .verifyComplete();
    clock.set(session.expiresAt());
    sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .as("at expiry")
        .verifyComplete();
    clock.advance(DAY);
    sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .as("long after")
        .verifyComplete();
  }

  @Test
  void touchRecordsTheUseAndMovesTheExpiry() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(Duration.ofHours(1)));
    Instant now = clock.advance(Duration.ofMinutes(30));
    Instant newExpiry = now.plus(DAY);
    sessions()
        .touch(session.id(), newExpiry)
        .as(StepVerifier::create)
        .assertNext(
            touched -> {
              assertThat(touched.id()).isEqualTo(session.id());
              assertThat(touched.createdAt()).isEqualTo(session.createdAt());
              assertThat(touched.lastSeenAt()).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
              assertThat(touched.expiresAt()).isEqualTo(newExpiry.truncatedTo(ChronoUnit.MICROS));
            })
        .verifyComplete();
    clock.advance(Duration.ofHours(2));
    sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .as("still valid after the old expiry")
        .expectNextCount(1)
        .verifyComplete();
  }

  @Test
  void touchOfAnExpiredOrMissingSessionIsNotFound() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(2));
    sessions()
        .touch(session.id(), clock.instant().plus(DAY))
        .as(StepVerifier::create)
        .expectErrorMatches(
            failure(NotFoundException.class, "session " + session.id() + " not found"))
        .verify();
    SessionId missing = SessionId.generate();
    sessions()
        .touch(missing, clock.instant().plus(DAY))
        .as(StepVerifier::create)
        .expectErrorMatches(failure(NotFoundException.class, "session " + missing + " not found"))
        .verify();
  }

  @Test
  void aRevokedSessionIsNotFoundAndRevokingAgainChangesNothing() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(DAY));
    sessions().revoke(session.id()).as(StepVerifier::create).verifyComplete();
    sessions().findByTokenHash(session.tokenHash()).as(StepVerifier::create).verifyComplete();
    sessions()
        .touch(session.id(), clock.instant().plus(DAY))
        .as(StepVerifier::create)
        .as("a revoked session cannot be touched back to life")
        .expectError(NotFoundException.class)
        .verify();
    sessions().revoke(session.id()).as(StepVerifier::create).verifyComplete();
    sessions().revoke(SessionId.generate()).as(StepVerifier::create).verifyComplete();
  }

  @Test
  void revokeAllRevokesEverySessionOfOneUserOnly() {
    User user = newUser();
    User other = newUser();
    Session a = newSession(user, clock.instant().plus(DAY));
    Session b = newSession(user, clock.instant().plus(DAY));
    Session kept = newSession(other, clock.instant().plus(DAY));
    sessions().revokeAll(user.id()).as(StepVerifier::create).expectNext(2L).verifyComplete();
    sessions().findByTokenHash(a.tokenHash()).as(StepVerifier::create).verifyComplete();
    sessions().findByTokenHash(b.tokenHash()).as(StepVerifier::create).verifyComplete();
    sessions()
        .findByTokenHash(kept.tokenHash())
        .as(StepVerifier::create)
        .expectNext(kept)
        .verifyComplete();
    sessions().revokeAll(user.id()).as(StepVerifier::create).expectNext(0L).verifyComplete();
  }

  @Test
  void deleteExpiredRemovesOnlyExpiredSessions() {
    // its own database, so that the count is not disturbed by other tests' sessions
    Storage storage = isolatedStorage(Map.of());
    User user = await(storage.users().create(TestData.newUser()));
    Instant now = clock.instant();
    Session early =
        await(
            storage
                .sessions()
                .create(user.id(), TestData.tokenHash(), now.plus(Duration.ofMinutes(1))));
    Session exact =
        await(
            storage
                .sessions()
                .create(user.id(), TestData.tokenHash(), now.plus(Duration.ofMinutes(2))));
    Session later =
        await(
            storage
                .sessions()
                .create(user.id(), TestData.tokenHash(), now.plus(Duration.ofMinutes(3))));
    storage
        .sessions()
        .deleteExpired(now)
        .as(StepVerifier::create)
        .as("none yet")
        .expectNext(0L)
        .verifyComplete();
    storage
        .sessions()
        .deleteExpired(exact.expiresAt())
        .as(StepVerifier::create)
        .as("expiresAt <= now")
        .expectNext(2L)
        .verifyComplete();
    clock.set(early.expiresAt().minusSeconds(1));
    storage
        .sessions()
        .findByTokenHash(early.tokenHash())
        .as(StepVerifier::create)
        .as("deleted, not merely expired")
        .verifyComplete();
    storage.sessions().findByTokenHash(exact.tokenHash()).as(StepVerifier::create).verifyComplete();
    storage
        .sessions()
        .findByTokenHash(later.tokenHash())
        .as(StepVerifier::create)
        .expectNext(later)
        .verifyComplete();
    storage
        .sessions()
        .deleteExpired(exact.expiresAt())
        .as(StepVerifier::create)
        .expectNext(0L)
        .verifyComplete();
  }

  @Test
  void nullArgumentsAreRejectedAtCallTimeNamingTheArgument() {
    UserId u = UserId.generate();
    TokenHash h = TestData.tokenHash();
    Instant t = clock.instant().plus(DAY);
    assertThatThrownBy(() -> sessions().create(null, h, t))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> sessions().create(u, null, t))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tokenHash");
    assertThatThrownBy(() -> sessions().create(u, h, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> sessions().findByTokenHash(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("tokenHash");
    assertThatThrownBy(() -> sessions().touch(null, t))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> sessions().touch(SessionId.generate(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> sessions().revoke(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> sessions().revokeAll(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("user");
    assertThatThrownBy(() -> sessions().deleteExpired(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("now");
  }

  @Test
  void nothingHappensBeforeSubscription() {
    User user = newUser();
    Session session = newSession(user, clock.instant().plus(DAY));
    TokenHash hash = TestData.tokenHash();
    Mono<Session> create = sessions().create(user.id(), hash, clock.instant().plus(DAY));
    Mono<Void> revoke = sessions().revoke(session.id());
    Mono<Long> revokeAll = sessions().revokeAll(user.id());
    assertThat(List.of(create, revoke, revokeAll)).hasSize(3);
    sessions().findByTokenHash(hash).as(StepVerifier::create).verifyComplete();
    sessions()
        .findByTokenHash(session.tokenHash())
        .as(StepVerifier::create)
        .expectNext(session)
        .verifyComplete();
    create.as(StepVerifier::create).expectNextCount(1).verifyComplete();
    create
        .as(StepVerifier::create)
        .as("resubscribing creates again and collides")
        .expectErrorMatches(conflict(ConflictException.Reason.DUPLICATE_KEY))
        .verify();
  }
}
