package dev.chatstore.storage;

import dev.chatstore.storage.internal.Checks;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Who performs a change, carried in the Reactor {@link Context} of the subscription so that store
 * signatures stay about the data. Stores record the actor in the audit log and in edit history.
 *
 * <pre>{@code
 * storage.channels().putMember(channel, user, Role.ADMIN).contextWrite(Actor.of(adminId));
 * }</pre>
 */
public final class Actor {

  private static final String KEY = Actor.class.getName();

  private Actor() {}

  /**
   * A context that names the actor.
   *
   * @param user who acts
   * @return a context to pass to {@code contextWrite}
   */
  public static Context of(UserId user) {
    return Context.of(KEY, Checks.notNull(user, "user"));
  }

  /**
   * Reads the actor from a context.
   *
   * @param context the subscriber's context
   * @return the actor, or empty when none was given
   */
  public static Optional<UserId> from(ContextView context) {
    return context.getOrEmpty(KEY);
  }
}
