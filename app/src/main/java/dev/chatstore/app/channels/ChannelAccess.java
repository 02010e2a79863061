package dev.chatstore.app.channels;

import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.storage.Channel;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.Visibility;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what in a channel. A private channel is invisible to non-members: they get the same
 * 404 as for a channel that does not exist, so its existence does not leak.
 */
@Component
public class ChannelAccess {

  private final Storage storage;

  /**
   * Creates the access checker.
   *
   * @param storage the storage
   */
  public ChannelAccess(Storage storage) {
    this.storage = storage;
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

    /**
     * Whether the caller has at least a role.
     *
     * @param role the role
     * @return true if a member with that role or a higher one
     */
    public boolean atLeast(Role role) {
      return membership != null && membership.role().atLeast(role);
    }

    /**
     * Requires at least a role.
     *
     * @param role the role
     * @param what what the caller tried, for the error
     * @return this
     * @throws ApiException 403 otherwise
     */
    public Standing require(Role role, String what) {
      if (!atLeast(role)) {
        throw ApiException.forbidden(
            what + " needs the role " + role.name().toLowerCase(java.util.Locale.ROOT));
      }
      return this;
    }
  }

  /**
   * Loads the caller's standing and requires read access: a member, or any signed-in user for a
   * public channel.
   *
   * @param caller the caller
   * @param id the channel
   * @return a {@code Mono} of the standing; signals 404 when the channel does not exist or is
   *     private and the caller is not a member
   */
  public Mono<Standing> readable(Caller caller, ChannelId id) {
    // both reads at once: a request pays for one round trip of latency, not two
    Mono<Channel> channel =
        storage
            .channels()
            .findById(id)
            .switchIfEmpty(Mono.error(() -> ApiException.notFound("channel")));
    Mono<Optional<Membership>> membership =
        storage
            .channels()
            .findMember(id, caller.userId())
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty());
    return Mono.zip(channel, membership)
        .map(
            pair -> {
              Standing standing = new Standing(pair.getT1(), pair.getT2().orElse(null));
              if (standing.membership() == null
                  && standing.channel().visibility() != Visibility.PUBLIC) {
                throw ApiException.notFound("channel");
              }
              return standing;
            });
  }

  /**
   * Requires the right to post: a member with role member or higher (admin or higher in an
   * announcement channel), in a channel that is not archived.
   *
   * @param caller the caller
   * @param id the channel
   * @return a {@code Mono} of the standing; 404, 403 or 409 (archived)
   */
  public Mono<Standing> postable(Caller caller, ChannelId id) {
    return readable(caller, id)
        .map(
            standing -> {
              if (standing.membership() == null) {
                throw ApiException.forbidden("join the channel to post in it");
              }
              Role needed =
                  standing.channel().kind() == dev.chatstore.storage.ChannelKind.ANNOUNCEMENT
                      ? Role.ADMIN
                      : Role.MEMBER;
              standing.require(needed, "posting here");
              if (standing.channel().archived()) {
                throw ApiException.conflict("channel_archived", "the channel is archived");
              }
              return standing;
            });
  }
}
