package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.StorageObserver;
import dev.chatstore.storage.internal.Failures;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Runs statements, either each on a connection borrowed from the pool for that statement alone, or
 * all on the one connection of a transaction ({@link #transaction}). Connections are scoped with
 * {@code usingWhen} and results are consumed inside the same chain, so a cancel releases the
 * connection at once; every statement gets a fetch size; every failure leaves translated by {@link
 * Errors}; reads retry transient failures (only outside transactions). Thread-safe.
 */
public final class Db {

  /**
   * Rows fetched per round trip by statements whose rows are not bounded by a page limit (a user's
   * read state, a retention batch, reaction summaries).
   */
  public static final int MAX_FETCH = 501;

  private static final int READ_ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
  private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

  private final ConnectionFactory pool;
  private final Dialect dialect;
  private final StorageObserver observer;
  private final @Nullable Scheduler blocking;
  private final @Nullable Connection bound;
  private final @Nullable List<Runnable> afterCommit;

  /**
   * A pooled executor.
   *
   * @param pool the connection pool
   * @param dialect the dialect
   * @param observer told of every statement
   * @param blocking where database calls run when the driver blocks (H2), or null when it never
   *     blocks
   */
  public Db(
      ConnectionFactory pool,
      Dialect dialect,
      StorageObserver observer,
      @Nullable Scheduler blocking) {
    this(pool, dialect, observer, blocking, null, null);
  }

  private Db(
      ConnectionFactory pool,
      Dialect dialect,
      StorageObserver observer,
      @Nullable Scheduler blocking,
      @Nullable Connection bound,
      @Nullable List<Runnable> afterCommit) {
    this.pool = pool;
    this.dialect = dialect;
    this.observer = observer;
    this.blocking = blocking;
    this.bound = bound;
    this.afterCommit = afterCommit;
  }

  /**
   * The dialect.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Whether this executor is bound to a transaction.
   *
   * @return true inside {@link #transaction} or {@code Storage.inTransaction}
   */
  public boolean inTransaction() {
    return bound != null;
  }

  /**
   * Runs an idempotent query; outside a transaction, transient failures are retried with
   * exponential backoff and jitter, a bounded number of times.
   *
   * @param operation the store and method, for the observer and errors
   * @param sql the statement
   * @param fetchSize rows per round trip, 1 or more
   * @param mapper maps each row (inside the result's scope)
   * @param args the bound values in marker order; {@link Null} for nulls
   * @param <T> the item type
   * @return a cold {@code Flux} of the mapped rows
   */
  public <T> Flux<T> read(
      String operation, String sql, int fetchSize, Function<Readable, T> mapper, Object... args) {
    Flux<T> once = query(operation, sql, fetchSize, mapper, args);
    if (bound != null) {
      return once;
    }
    return once.retryWhen(
        Retry.backoff(READ_ATTEMPTS - 1, FIRST_BACKOFF)
            .maxBackoff(MAX_BACKOFF)
            .jitter(0.5)
            .filter(Errors::retryable)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
  }

  /**
   * Runs a statement that may return rows (a write with {@link Dialect#returning}), once.
   *
   * @param operation the store and method
   * @param sql the statement
   * @param fetchSize rows per round trip
   * @param mapper maps each row
   * @param args the bound values
   * @param <T> the item type
   * @return a cold {@code Flux} of the mapped rows
   */
  public <T> Flux<T> query(
      String operation, String sql, int fetchSize, Function<Readable, T> mapper, Object... args) {
    return withConnection(
        operation,
        connection ->
            Flux.defer(
                () ->
                    Flux.from(statement(operation, connection, sql, fetchSize, args).execute())
                        .concatMap(result -> result.map(mapper))));
  }

  /**
   * Runs a statement that returns at most one row (a write with {@link Dialect#returning}), once,
   * consuming its whole result before emitting, so that nothing is cancelled mid-statement.
   *
   * @param operation the store and method
   * @param sql the statement
   * @param mapper maps the row
   * @param args the bound values
   * @param <T> the item type
   * @return a {@code Mono} of the mapped row, empty when there is none
   */
  public <T> Mono<T> queryOne(
      String operation, String sql, Function<Readable, T> mapper, Object... args) {
    return query(operation, sql, 2, mapper, args).reduce((first, ignored) -> first);
  }

  /**
   * Runs a write once, in its own transaction (autocommit) unless bound to one.
   *
   * @param operation the store and method
   * @param sql the statement
   * @param args the bound values
   * @return a {@code Mono} of the number of rows changed
   */
  public Mono<Long> write(String operation, String sql, Object... args) {
    return withConnection(
            operation,
            connection ->
                Flux.defer(
                    () ->
                        Flux.from(statement(operation, connection, sql, 1, args).execute())
                            .concatMap(Result::getRowsUpdated)))
        .reduce(0L, Long::sum);
  }

  /**
   * Runs one statement once for each of several sets of values, in one round trip (R2DBC batch
   * binding), in its own transaction unless bound to one.
   *
   * @param operation the store and method
   * @param sql the statement
   * @param rows the bound values of each execution; nothing runs when empty
   * @return a {@code Mono} of the number of rows changed in all
   */
  public Mono<Long> writeEach(String operation, String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return Mono.just(0L);
    }
    return withConnection(
            operation,
            connection ->
                Flux.defer(
                    () -> {
                      observer.onQuery(operation);
                      Statement statement = connection.createStatement(sql);
                      for (int i = 0; i < rows.size(); i++) {
                        if (i > 0) {
                          statement.add();
                        }
                        bind(statement, rows.get(i));
                      }
                      return Flux.from(statement.execute()).concatMap(Result::getRowsUpdated);
                    }))
        .reduce(0L, Long::sum);
  }

  /**
   * Runs work in one transaction: commits when the work completes, rolls back when it fails or is
   * cancelled, then runs the after-commit actions. Inside a transaction it joins it.
   *
   * @param operation the store and method
   * @param work the work, given an executor bound to the transaction
   * @param <T> the result type
   * @return a cold {@code Flux} of what the work emits
   */
  public <T> Flux<T> transaction(String operation, Function<Db, ? extends Publisher<T>> work) {
    if (bound != null) {
      return Flux.from(work.apply(this));
    }
    // the work's items are held until the commit completed, so that a subscriber that cancels
    // after the first item (next(), take(1)) cannot roll back what it was given
    Mono<List<T>> committed =
        Mono.usingWhen(
            pool.create(),
            connection -> {
              Db tx = new Db(pool, dialect, observer, blocking, connection, new ArrayList<>());
              return Mono.from(connection.beginTransaction())
                  .then(Mono.defer(() -> Flux.from(work.apply(tx)).collectList()))
                  .flatMap(items -> Mono.from(connection.commitTransaction()).thenReturn(items))
                  .onErrorResume(error -> rollback(connection, error))
                  .doOnCancel(
                      () ->
                          Mono.from(connection.rollbackTransaction())
                              .subscribe(ignored -> {}, ignored -> {}))
                  .doOnSuccess(items -> tx.runAfterCommit());
            },
            Connection::close);
    Flux<T> flux =
        committed
            .flatMapIterable(items -> items)
            // the work's own errors pass as they are; the driver's are translated
            .onErrorMap(Errors::isDriverError, e -> Errors.translate(e, operation));
    return onScheduler(flux);
  }

  /**
   * Runs an action after the current transaction commits, or at once outside a transaction.
   *
   * @param action the action; must not block or throw
   */
  public void afterCommit(Runnable action) {
    if (afterCommit == null) {
      action.run();
    } else {
      synchronized (afterCommit) {
        afterCommit.add(action);
      }
    }
  }

  private static <T> Mono<T> rollback(Connection connection, Throwable error) {
    return Mono.from(connection.rollbackTransaction())
        .onErrorResume(
            failed -> {
              error.addSuppressed(failed);
              return Mono.empty();
            })
        .then(Mono.error(error));
  }

  private void runAfterCommit() {
    List<Runnable> actions;
    synchronized (afterCommit) {
      actions = List.copyOf(afterCommit);
      afterCommit.clear();
    }
    actions.forEach(Runnable::run);
  }

  private <T> Flux<T> withConnection(String operation, Function<Connection, Flux<T>> work) {
    if (bound != null) {
      Connection connection = bound;
      return Flux.defer(() -> work.apply(connection))
          .onErrorMap(e -> Errors.translate(e, operation));
    }
    return onScheduler(
        Flux.usingWhen(pool.create(), work, Connection::close)
            .onErrorMap(e -> Errors.translate(e, operation)));
  }

  private <T> Flux<T> onScheduler(Flux<T> flux) {
    Scheduler scheduler = blocking;
    return scheduler == null
        ? flux
        : flux.subscribeOn(scheduler)
            .onErrorMap(RejectedExecutionException.class, Failures::closed);
  }

  private Statement statement(
      String operation, Connection connection, String sql, int fetchSize, Object[] args) {
    observer.onQuery(operation);
    Statement statement = connection.createStatement(sql);
    bind(statement, args);
    return statement.fetchSize(fetchSize);
  }

  private void bind(Statement statement, Object[] args) {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg instanceof Null n) {
        statement.bindNull(i, dialect.bindType(n.type()));
      } else {
        statement.bind(i, dialect.bindValue(arg));
      }
    }
  }

  /**
   * A null of a type, for binding.
   *
   * @param type the application type
   */
  public record Null(Class<?> type) {}

  /**
   * The value itself, or a typed null.
   *
   * @param value the value or null
   * @param type its type
   * @return something to bind
   */
  public static Object orNull(@Nullable Object value, Class<?> type) {
    return value == null ? new Null(type) : value;
  }
}
