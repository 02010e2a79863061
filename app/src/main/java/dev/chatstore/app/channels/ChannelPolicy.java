package dev.chatstore.app.channels;

import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ChannelKind;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Message;
import dev.chatstore.storage.MessageId;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what in a channel: the one place of the API's permission rules. Every controller asks
 * it; none decides a permission itself.
 *
 * <table>
 *   <caption>The rules ("member" means any membership, guests included; roles rank guest &lt;
 *   member &lt; moderator &lt; admin &lt; owner)</caption>
 *   <tr><th>action</th><th>allowed to</th><th>otherwise</th></tr>
 *   <tr><td>{@link Action#READ} the channel, its history, members, receipts, retention</td>
 *       <td>a member; anyone signed in for a public channel</td>
 *       <td>404 {@code channel_not_found} (a private channel does not leak)</td></tr>
 *   <tr><td>read a message ({@link #message})</td><td>whoever may read its channel</td>
 *       <td>404 {@code message_not_found}</td></tr>
 *   <tr><td>{@link Action#POST}</td>
 *       <td>a member with role member (admin in an announcement channel), not archived</td>
 *       <td>403; 409 {@code channel_archived}</td></tr>
 *   <tr><td>{@link Action#REACT}</td><td>a member of any role; the message not deleted; not
 *       archived</td><td>403; 404 {@code message_not_found}; 409 {@code channel_archived}</td></tr>
 *   <tr><td>{@link Action#MODIFY_MESSAGE} (edit, delete)</td><td>its author, or an admin</td>
 *       <td>403</td></tr>
 *   <tr><td>{@link Action#READ_EDITS}</td><td>the message's author, or an admin</td>
 *       <td>403</td></tr>
 *   <tr><td>{@link Action#KEEP_READ_POSITION}</td><td>a member</td><td>403</td></tr>
 *   <tr><td>{@link Action#CHANGE_CHANNEL}, {@link Action#SET_RETENTION}, {@link
 *       Action#READ_AUDIT}</td><td>an admin</td><td>403</td></tr>
 *   <tr><td>{@link Action#DELETE_CHANNEL}</td><td>an owner</td><td>403</td></tr>
 *   <tr><td>join ({@link #mayPutMember}, oneself, not a member)</td>
 *       <td>anyone signed in, in a public channel, with the role member</td>
 *       <td>404 for a private channel; 403 for another role</td></tr>
 *   <tr><td>change one's own role</td><td>lower or keep it; raise it only as an admin, never to
 *       owner</td><td>403</td></tr>
 *   <tr><td>add, change or remove others ({@link #mayPutMember}, {@link #mayRemoveMember})</td>
 *       <td>an admin; an owner where the owner role is granted, held or removed</td>
 *       <td>403</td></tr>
 *   <tr><td>leave</td><td>any member</td><td>-</td></tr>
 * </table>
 *
 * <p>The last owner can neither leave nor step down: that is a rule of the data, checked with the
 * write, not a permission. Thread-safe.
 */
@Component
public class ChannelPolicy {

  /** What a caller wants to do in a channel, with the rule of each. */
  public enum Action {
    /** Reading a channel and what belongs to it. */
    READ(null, null, false, false, "reading"),
    /** Posting a message. */
    POST(Role.MEMBER, "join the channel to post in it", false, true, "posting here"),
    /** Adding or removing one's reaction. */
    REACT(Role.GUEST, "join the channel to react in it", false, true, "reacting"),
    /** Editing or deleting a message. */
    MODIFY_MESSAGE(Role.ADMIN, null, true, false, "changing another member's message"),
    /** Reading a message's previous bodies. */
    READ_EDITS(Role.ADMIN, null, true, false, "reading another member's edit history"),
    /** Moving one's read position. */
    KEEP_READ_POSITION(null, "only members keep a read position", false, false, "reading"),
    /** Changing the channel's name, topic, visibility, category or archived flag. */
    CHANGE_CHANNEL(Role.ADMIN, null, false, false, "changing the channel"),
    /** Deleting the channel. */
    DELETE_CHANNEL(Role.OWNER, null, false, false, "deleting the channel"),
    /** Setting the retention policy. */
    SET_RETENTION(Role.ADMIN, null, false, false, "changing the retention policy"),
    /** Reading the audit log. */
    READ_AUDIT(Role.ADMIN, null, false, false, "reading the audit log");

    private final @Nullable Role role;
    private final @Nullable String membersOnly;
    private final boolean authorMay;
    private final boolean closedWhenArchived;
    private final String what;

    Action(
        @Nullable Role role,
        @Nullable String membersOnly,
        boolean authorMay,
        boolean closedWhenArchived,
        String what) {
      this.role = role;
      this.membersOnly = membersOnly;
      this.authorMay = authorMay;
      this.closedWhenArchived = closedWhenArchived;
      this.what = what;
    }
  }

  /**
   * A caller's standing in a channel.
   *
   * @param channel the channel
   * @param membership the caller's membership, or null
   */
  public record Standing(Channel channel, @Nullable Membership membership) {

    /**
     * The caller's role, if a member.
     *
     * @return the role or null
     */
    public @Nullable Role role() {
      return membership == null ? null : membership.role();
    }

    boolean atLeast(Role role) {
      return membership != null && membership.role().atLeast(role);
    }

    void require(Role role, String what) {
      if (!atLeast(role)) {
        throw ApiException.forbidden(
            what + " needs the role " + role.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * A message and the caller's standing in its channel.
   *
   * @param message the message
   * @param standing the standing
   */
  public record Located(Message message, Standing standing) {}

  private final Storage storage;

  /**
   * Creates the policy.
   *
   * @param storage the storage
   */
  public ChannelPolicy(Storage storage) {
    this.storage = storage;
  }

  /**
   * Loads the caller's standing in a channel and requires an action.
   *
   * @param caller the caller
   * @param id the channel
   * @param action what the caller wants to do
   * @return a {@code Mono} of the standing; signals 404 when the channel does not exist or the
   *     caller may not read it, 403 or 409 when the action is not allowed
   */
  public Mono<Standing> channel(Caller caller, ChannelId id, Action action) {
    // both reads at once: a request pays for one round trip of latency, not two
    Mono<Channel> channel =
        storage
            .channels()
            .findById(id)
            .switchIfEmpty(Mono.error(() -> ApiException.notFound("channel")));
    return Mono.zip(channel, membership(id, caller.userId()))
        .map(
            pair -> {
              Standing standing = new Standing(pair.getT1(), pair.getT2().orElse(null));
              if (standing.membership() == null
                  && standing.channel().visibility() != Visibility.PUBLIC) {
                throw ApiException.notFound("channel");
              }
              check(action, standing, null, caller.userId());
              return standing;
            });
  }

  /**
   * Loads a message and the caller's standing in its channel and requires an action on it. A
   * message in a channel the caller may not read is reported like a missing one, so its existence
   * does not leak.
   *
   * @param caller the caller
   * @param id the message
   * @param action what the caller wants to do
   * @return a {@code Mono} of the message and standing; 404 {@code message_not_found} when missing
   *     or unreadable, 403 or 409 when the action is not allowed
   */
  public Mono<Located> message(Caller caller, MessageId id, Action action) {
    return storage
        .messages()
        .findById(id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("message")))
        .flatMap(
            m ->
                channel(caller, m.channelId(), Action.READ)
                    .onErrorMap(
                        e -> e instanceof ApiException a && a.code().equals("channel_not_found"),
                        e -> ApiException.notFound("message"))
                    .map(
                        s -> {
                          check(action, s, m, caller.userId());
                          return new Located(m, s);
                        }));
  }

  /**
   * Requires the right to give a user a role in a channel (joining, when the user is the caller and
   * not yet a member).
   *
   * @param s the caller's standing
   * @param self whether the user is the caller
   * @param role the role to give
   * @param current the user's membership now, or null
   * @throws ApiException 404 or 403 when not allowed
   */
  public void mayPutMember(Standing s, boolean self, Role role, @Nullable Membership current) {
    Role mine = s.role();
    if (self && mine == null) {
      if (s.channel().visibility() != Visibility.PUBLIC) {
        throw ApiException.notFound("channel");
      }
      if (role != Role.MEMBER) {
        throw ApiException.forbidden("you can join only with the role member");
      }
      return;
    }
    if (self) {
      boolean raising = role.atLeast(mine) && role != mine;
      if (raising && (!s.atLeast(Role.ADMIN) || role == Role.OWNER)) {
        throw ApiException.forbidden("you cannot raise your own role");
      }
      return;
    }
    s.require(Role.ADMIN, "managing members");
    if (role == Role.OWNER || current != null && current.role() == Role.OWNER) {
      s.require(Role.OWNER, "granting or changing the owner role");
    }
  }

  /**
   * Requires the right to remove a member (leaving, when the member is the caller).
   *
   * @param s the caller's standing
   * @param self whether the member is the caller
   * @param member the membership to remove
   * @throws ApiException 403 when not allowed
   */
  public void mayRemoveMember(Standing s, boolean self, Membership member) {
    if (!self) {
      s.require(Role.ADMIN, "removing members");
      if (member.role() == Role.OWNER) {
        s.require(Role.OWNER, "removing an owner");
      }
    }
  }

  /**
   * A user's membership, present or not.
   *
   * @param channel the channel
   * @param user the user
   * @return a {@code Mono} of the membership or an empty {@code Optional}
   */
  public Mono<Optional<Membership>> membership(ChannelId channel, UserId user) {
    return storage
        .channels()
        .findMember(channel, user)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty());
  }

  private static void check(Action action, Standing s, @Nullable Message message, UserId caller) {
    if (action.membersOnly != null && s.membership() == null) {
      throw ApiException.forbidden(action.membersOnly);
    }
    boolean author = message != null && message.authorId().equals(caller);
    if (action.role != null && !(action.authorMay && author)) {
      boolean announcement =
          action == Action.POST && s.channel().kind() == ChannelKind.ANNOUNCEMENT;
      s.require(announcement ? Role.ADMIN : action.role, action.what);
    }
    if (action == Action.REACT && message != null && message.deletedAt() != null) {
      throw ApiException.notFound("message");
    }
    if (action.closedWhenArchived && s.channel().archived()) {
      throw ApiException.conflict("channel_archived", "the channel is archived");
    }
  }
}
