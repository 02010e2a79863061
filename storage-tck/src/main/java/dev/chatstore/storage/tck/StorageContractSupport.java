package dev.chatstore.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.NewMessage;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.StorageOptions;
import dev.chatstore.storage.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The base of every contract class: the fixture hook, one shared database and storage per class,
 * the test clock and counting observer, and small helpers.
 *
 * <p>A backend's subclass only implements {@link #fixture()}. Test methods run one at a time, in a
 * random order (JUnit logs the seed; set {@code junit.jupiter.execution.order.random.seed} to
 * replay one), which proves that tests sharing the class's storage do not depend on each other; a
 * test that needs an empty database or special properties (a pool of one) asks for an {@linkplain
 * #isolatedStorage isolated} one, which is released after the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.Random.class)
public abstract class StorageContractSupport {

  /** How long any single wait of the suite may take before the test fails (never a hang). */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * Where the test clock stands at the start of each test: a time with non-zero microseconds and
   * nanoseconds, so that truncation to microseconds is visible.
   */
  public static final Instant START = Instant.parse("2031-05-06T07:08:09.123456789Z");

  /** The clock of every storage the suite opens; reset to {@link #START} before each test. */
  protected final TestClock clock = new TestClock(START);

  /** The observer of every storage the suite opens. */
  protected final CountingObserver observer = new CountingObserver();

  private final Deque<AutoCloseable> perClass = new ArrayDeque<>();
  private final Deque<AutoCloseable> perTest = new ArrayDeque<>();
  private @Nullable Storage shared;

  /** For subclasses. */
  protected StorageContractSupport() {}

  /**
   * The backend's fixture. The one method a backend's subclass implements.
   *
   * @return the fixture, typically a process-wide singleton
   */
  protected abstract StorageFixture fixture();

  @BeforeAll
  final void setDefaultTimeout() {
    StepVerifier.setDefaultTimeout(TIMEOUT);
  }

  @BeforeEach
  final void resetClock() {
    clock.set(START);
  }

  @AfterEach
  final void releasePerTest() {
    closeAll(perTest);
  }

  @AfterAll
  final void releasePerClass() {
    closeAll(perTest);
    closeAll(perClass);
    shared = null;
  }

  /**
   * The storage shared by the tests of this class, opened on first use on a fresh database with no
   * properties.
   *
   * @return the shared storage
   */
  protected final Storage storage() {
    Storage s = shared;
    if (s == null) {
      TestDatabase database = fixture().createDatabase();
      perClass.push(database);
      s = database.open(options(Map.of()));
      perClass.push(s);
      shared = s;
    }
    return s;
  }

  /**
   * Options with the suite's clock and observer.
   *
   * @param properties the backend properties, such as {@code poolSize}
   * @return the options
   */
  protected final StorageOptions options(Map<String, String> properties) {
    return new StorageOptions(clock, observer, properties);
  }

  /**
   * A fresh, empty database released after the current test (or after the class, when called from a
   * {@code @BeforeAll}).
   *
   * @return the database
   */
  protected final TestDatabase isolatedDatabase() {
    TestDatabase database = fixture().createDatabase();
    perTest.push(database);
    return database;
  }

  /**
   * A storage on a fresh, empty database, closed and released after the current test.
   *
   * @param properties the backend properties, such as {@code poolSize}
   * @return the storage
   */
  protected final Storage isolatedStorage(Map<String, String> properties) {
    return openTracked(isolatedDatabase(), properties);
  }

  /**
   * Opens a storage on a database and closes it after the current test (closing it earlier is fine:
   * close is idempotent).
   *
   * @param database the database
   * @param properties the backend properties
   * @return the storage
   */
  protected final Storage openTracked(TestDatabase database, Map<String, String> properties) {
    Storage storage = database.open(options(properties));
    perTest.push(storage);
    return storage;
  }

  /**
   * Waits for a {@code Mono} of a setup step and returns its value; fails the test when it is
   * empty, signals an error or takes longer than {@link #TIMEOUT}. The suite's one way to wait
   * outside a {@link StepVerifier}.
   *
   * @param mono the step
   * @param <T> the value type
   * @return the value
   */
  protected static <T> T await(Mono<T> mono) {
    T value = awaitOrNull(mono);
    if (value == null) {
      throw new AssertionError("expected a value but the Mono completed empty");
    }
    return value;
  }

  /**
   * Waits for a {@code Mono} and returns its value, or null when it completed empty.
   *
   * @param mono the step
   * @param <T> the value type
   * @return the value or null
   */
  protected static <T> @Nullable T awaitOrNull(Mono<T> mono) {
    try {
      return mono.toFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(cause);
    } catch (TimeoutException e) {
      throw new AssertionError("no signal within " + TIMEOUT, e);
    }
  }

  /**
   * Waits for every element of a {@code Flux}.
   *
   * @param flux the flux
   * @param <T> the element type
   * @return the elements
   */
  protected static <T> List<T> awaitAll(Flux<T> flux) {
    return await(flux.collectList());
  }

  /**
   * Creates a user with unique keys in the shared storage.
   *
   * @return the stored user
   */
  protected final User newUser() {
    return await(storage().users().create(TestData.newUser()));
  }

  /**
   * Creates a channel (and its creator) with a unique name in the shared storage.
   *
   * @return the stored channel
   */
  protected final Channel newChannel() {
    User owner = newUser();
    return await(storage().channels().create(TestData.newChannel(owner.id())));
  }

  /**
   * Posts a message by the channel's creator.
   *
   * @param channel the channel
   * @param body the body
   * @return the stored message
   */
  protected final Message post(Channel channel, String body) {
    return await(storage().messages().post(NewMessage.of(channel.id(), channel.createdBy(), body)))
        .message();
  }

  /**
   * Posts {@code count} messages one after another, with bodies {@code "m1"}, {@code "m2"}, ...
   *
   * @param channel the channel
   * @param count how many
   * @return the stored messages in position order
   */
  protected final List<Message> postMany(Channel channel, int count) {
    return awaitAll(
        Flux.range(1, count)
            .concatMap(
                i ->
                    storage()
                        .messages()
                        .post(NewMessage.of(channel.id(), channel.createdBy(), "m" + i)))
            .map(r -> r.message()));
  }

  /**
   * A predicate for {@code expectErrorMatches}: a {@link ConflictException} with a reason.
   *
   * @param reason the expected reason
   * @return the predicate
   */
  /**
   * Matches a failure of a type with an exact message: the same case must read the same on every
   * backend, since the texts reach HTTP clients.
   *
   * @param type the expected type
   * @param message the expected message, word for word
   * @return the predicate
   */
  protected static Predicate<Throwable> failure(Class<? extends Throwable> type, String message) {
    return e -> type.isInstance(e) && message.equals(e.getMessage());
  }

  protected static Predicate<Throwable> conflict(ConflictException.Reason reason) {
    return e -> e instanceof ConflictException c && c.reason() == reason;
  }

  /**
   * A predicate for {@code expectErrorMatches}: the duplicate-key conflict of a record field, with
   * the text every backend gives it.
   *
   * @param field the field, such as {@code username}
   * @return the predicate
   */
  protected static Predicate<Throwable> duplicate(String field) {
    return e ->
        e instanceof ConflictException c
            && c.reason() == ConflictException.Reason.DUPLICATE_KEY
            && c.field().filter(field::equals).isPresent()
            && (field + " is already taken").equals(c.getMessage());
  }

  /**
   * Asserts that a failure is a {@link ConflictException} with a reason, with a readable message.
   *
   * @param error the failure
   * @param reason the expected reason
   */
  protected static void assertConflict(Throwable error, ConflictException.Reason reason) {
    assertThat(error).isInstanceOf(ConflictException.class);
    assertThat(((ConflictException) error).reason()).as("conflict reason").isEqualTo(reason);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    AssertionError failure = null;
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception | AssertionError e) {
        if (failure == null) {
          failure = new AssertionError("releasing test resources failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
