package dev.chatstore.storage.sqlite.internal;

import reactor.core.publisher.Mono;

/**
 * Where a store's statements run: the read pool and the group-committing writer, or one transaction
 * on the writer. Stores are written once against this and work in both places.
 */
public interface SqlExecutor {

  /**
   * Runs a read.
   *
   * @param operation the store method, such as {@code MessageStore.page}
   * @param call the read
   * @param <T> its result
   * @return a {@code Mono} of the result, empty for null; errors are storage exceptions
   */
  <T> Mono<T> read(String operation, ReadCall<T> call);

  /**
   * Runs a write.
   *
   * @param operation the store method
   * @param call the write
   * @param <T> its result
   * @return a {@code Mono} of the result once committed (or, in a transaction, once run), empty for
   *     null; errors are storage exceptions
   */
  <T> Mono<T> write(String operation, WriteCall<T> call);

  /**
   * Whether this executor is bound to one transaction.
   *
   * @return true inside {@code inTransaction}
   */
  boolean transactional();

  /** The pool and the group-committing writer. */
  final class Pooled implements SqlExecutor {
    private final SqliteReaders readers;
    private final SqliteWriter writer;

    /**
     * Creates the executor.
     *
     * @param readers the read pool
     * @param writer the writer
     */
    public Pooled(SqliteReaders readers, SqliteWriter writer) {
      this.readers = readers;
      this.writer = writer;
    }

    @Override
    public <T> Mono<T> read(String operation, ReadCall<T> call) {
      return readers.read(operation, call);
    }

    @Override
    public <T> Mono<T> write(String operation, WriteCall<T> call) {
      return writer.write(operation, call);
    }

    @Override
    public boolean transactional() {
      return false;
    }
  }

  /** One transaction on the writer: reads too run there, so they see the transaction's writes. */
  final class Bound implements SqlExecutor {
    private final WriterTransaction transaction;

    /**
     * Creates the executor.
     *
     * @param transaction the transaction
     */
    public Bound(WriterTransaction transaction) {
      this.transaction = transaction;
    }

    @Override
    public <T> Mono<T> read(String operation, ReadCall<T> call) {
      return transaction.execute(operation, context -> call.call(context.connection()));
    }

    @Override
    public <T> Mono<T> write(String operation, WriteCall<T> call) {
      return transaction.execute(operation, call);
    }

    @Override
    public boolean transactional() {
      return true;
    }
  }
}
