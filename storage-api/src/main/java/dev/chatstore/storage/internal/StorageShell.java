package dev.chatstore.storage.internal;

import dev.chatstore.storage.AuditStore;
import dev.chatstore.storage.Capability;
import dev.chatstore.storage.ChannelStore;
import dev.chatstore.storage.Health;
import dev.chatstore.storage.KeyValueStore;
import dev.chatstore.storage.MediaStore;
import dev.chatstore.storage.MessageStore;
import dev.chatstore.storage.ReactionStore;
import dev.chatstore.storage.ReadStateStore;
import dev.chatstore.storage.RetentionStore;
import dev.chatstore.storage.SearchStore;
import dev.chatstore.storage.SessionStore;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserStore;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one {@link Storage} shape of every backend: the stores (built once by the backend's stores
 * factory), their accessors, the lifecycle and the transaction rules, written once. A backend
 * extends it with its hooks: {@link #transaction} (begin, bind an executor to the transaction,
 * commit or roll back), {@link #health()}, {@link #capabilities()} and {@link #release()}.
 *
 * <p>The storage a transaction's work receives is built by {@link #bound}: a shell of the same
 * class on every backend over the stores factory given the transaction-bound executor. Nested
 * {@code inTransaction} calls on it join the transaction; its health and capabilities are the outer
 * storage's; closing it does nothing (the outer storage owns the resources). An {@code
 * inTransaction} on a closed storage signals {@link Failures#closed}. Thread-safe when the hooks
 * are.
 */
public abstract class StorageShell implements Storage {

  private final Stores stores;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the shell.
   *
   * @param stores the stores it hands out
   */
  protected StorageShell(Stores stores) {
    this.stores = Checks.notNull(stores, "stores");
  }

  @Override
  public final UserStore users() {
    return stores.users();
  }

  @Override
  public final ChannelStore channels() {
    return stores.channels();
  }

  @Override
  public final MessageStore messages() {
    return stores.messages();
  }

  @Override
  public final ReadStateStore readState() {
    return stores.readState();
  }

  @Override
  public final SessionStore sessions() {
    return stores.sessions();
  }

  @Override
  public final MediaStore media() {
    return stores.media();
  }

  @Override
  public final KeyValueStore keyValues() {
    return stores.keyValues();
  }

  @Override
  public final ReactionStore reactions() {
    return stores.reactions();
  }

  @Override
  public final SearchStore search() {
    return stores.search();
  }

  @Override
  public final RetentionStore retention() {
    return stores.retention();
  }

  @Override
  public final AuditStore audit() {
    return stores.audit();
  }

  @Override
  public final <T> Flux<T> inTransaction(Function<? super Storage, ? extends Publisher<T>> work) {
    Checks.notNull(work, "work");
    return Flux.defer(() -> isClosed() ? Flux.error(Failures.closed(null)) : transaction(work));
  }

  /**
   * Closes the storage once: later calls do nothing. New calls then signal {@link Failures#closed}.
   */
  @Override
  public final void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  protected boolean isClosed() {
    return closed.get();
  }

  /**
   * Runs work in one new transaction: gives it {@link #bound}{@code (stores over the transaction's
   * executor)}, commits when its publisher completes (before emitting what it emitted), rolls back
   * on error or cancel, and wakes followers after the commit. Called only while open.
   *
   * @param work the work
   * @param <T> what the work emits
   * @return what the work emits, after the commit
   */
  protected abstract <T> Flux<T> transaction(
      Function<? super Storage, ? extends Publisher<T>> work);

  /**
   * Releases the backend's resources (stops accepting work, lets queued writes finish, ends
   * followers, closes connections, threads and files). Called once, by {@link #close()}; blocks.
   */
  protected abstract void release();

  /**
   * The storage a transaction's work receives: the one transaction-bound shape of every backend.
   *
   * @param transactional the stores built over the transaction-bound executor
   * @return the bound storage
   */
  protected final Storage bound(Stores transactional) {
    return new Bound(transactional, this);
  }

  /** A shell bound to one transaction: nested transactions join it. */
  private static final class Bound extends StorageShell {
    private final StorageShell outer;

    Bound(Stores stores, StorageShell outer) {
      super(stores);
      this.outer = outer;
    }

    @Override
    protected <T> Flux<T> transaction(Function<? super Storage, ? extends Publisher<T>> work) {
      return Flux.from(work.apply(this));
    }

    @Override
    protected boolean isClosed() {
      return outer.isClosed();
    }

    @Override
    public Mono<Health> health() {
      return outer.health();
    }

    @Override
    public Set<Capability> capabilities() {
      return outer.capabilities();
    }

    @Override
    protected void release() {
      // the outer storage owns every resource
    }
  }
}
