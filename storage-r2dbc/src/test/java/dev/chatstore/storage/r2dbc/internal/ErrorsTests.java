package dev.chatstore.storage.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.InvalidArgumentException;
import dev.chatstore.storage.StorageException;
import dev.chatstore.storage.TransientStorageException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.pool.PoolAcquirePendingLimitException;

class ErrorsTests {

  @Test
  void aUniqueViolationIsADuplicateKeyConflictNamingTheField() {
    StorageException e =
        Errors.translate(
            new R2dbcDataIntegrityViolationException(
                "duplicate key value violates unique constraint \"uq_users_email\"", "23505"),
            "UserStore.create");
    assertThat(e).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) e).reason()).isEqualTo(ConflictException.Reason.DUPLICATE_KEY);
    assertThat(((ConflictException) e).field()).contains("email");
    assertThat(e).hasMessage("email is already taken");
    assertThat(Errors.isDuplicateOf(e, "uq_users_email")).isTrue();
    assertThat(Errors.isDuplicateOf(e, "uq_users_username")).isFalse();
  }

  @Test
  void h2sUniqueIndexNamesAreRecognisedToo() {
    StorageException e =
        Errors.translate(
            new R2dbcDataIntegrityViolationException(
                "Unique index or primary key violation: \"PUBLIC.UX_MESSAGES_AUTHOR_TXN_INDEX_C ON"
                    + " PUBLIC.MESSAGES(AUTHOR_ID, CLIENT_TXN_ID)\"",
                "23505"),
            "MessageStore.post");
    assertThat(Errors.isDuplicateOf(e, "ux_messages_author_txn")).isTrue();
    assertThat(((ConflictException) e).field()).contains("clientTxnId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"23503", "23506"})
  void aForeignKeyViolationIsAnInvalidArgument(String state) {
    assertThat(
            Errors.translate(
                new R2dbcDataIntegrityViolationException("fk", state), "SessionStore.create"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"40001", "40P01", "08006", "57P01", "53300", "HYT00"})
  void serializationDeadlockConnectionAndShutdownStatesAreTransientAndRetryable(String state) {
    StorageException e =
        Errors.translate(new R2dbcTransientResourceException("x", state), "UserStore.findById");
    assertThat(e).isInstanceOf(TransientStorageException.class);
    assertThat(Errors.retryable(e)).isTrue();
  }

  @Test
  void aLostConnectionIsTransient() {
    assertThat(
            Errors.translate(
                new R2dbcNonTransientResourceException("Connection closed"), "UserStore.findById"))
        .isInstanceOf(TransientStorageException.class);
    assertThat(Errors.translate(new IOException("reset"), "UserStore.findById"))
        .isInstanceOf(TransientStorageException.class);
  }

  @Test
  void anExhaustedPoolIsTransientButNotRetried() {
    StorageException timeout =
        Errors.translate(
            new R2dbcTimeoutException("Connection acquisition timed out after 300ms"),
            "UserStore.findById");
    StorageException pending =
        Errors.translate(new PoolAcquirePendingLimitException(1), "UserStore.findById");
    assertThat(timeout).isInstanceOf(TransientStorageException.class);
    assertThat(pending).isInstanceOf(TransientStorageException.class);
    assertThat(Errors.retryable(timeout)).isFalse();
    assertThat(Errors.retryable(pending)).isFalse();
  }

  @Test
  void anythingElseIsInternalAndStorageExceptionsPassUnchanged() {
    assertThat(
            Errors.translate(
                new R2dbcDataIntegrityViolationException("check", "23514"), "UserStore.create"))
        .isInstanceOf(InternalStorageException.class);
    InvalidArgumentException original = new InvalidArgumentException("x");
    assertThat(Errors.translate(original, "any")).isSameAs(original);
    assertThat(Errors.isDriverError(new IllegalStateException("the work's own"))).isFalse();
    assertThat(Errors.isDriverError(new R2dbcTimeoutException("t"))).isTrue();
  }
}
