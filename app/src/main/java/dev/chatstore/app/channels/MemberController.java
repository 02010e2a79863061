package dev.chatstore.app.channels;

import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Cursors;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Page;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import dev.chatstore.storage.Visibility;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Membership and roles: {@code /api/v1/channels/{id}/members}.
 *
 * <p>Rules: anyone signed in may join a public channel as {@code member} (PUT with their own id);
 * owners and admins add, remove and change members; only an owner grants or takes away the owner
 * role, and admins cannot touch owners; a member may leave or lower their own role; the last owner
 * can neither leave nor step down (hand the channel over first, or delete it).
 */
@RestController
@RequestMapping(path = "/api/v1/channels/{id}/members", produces = MediaType.APPLICATION_JSON_VALUE)
public class MemberController {

  private final Storage storage;
  private final ChannelAccess access;
  private final Cursors cursors;

  /**
   * Creates the controller.
   *
   * @param storage the storage
   * @param access the access checker
   * @param cursors the cursor codec
   */
  public MemberController(Storage storage, ChannelAccess access, Cursors cursors) {
    this.storage = storage;
    this.access = access;
    this.cursors = cursors;
  }

  /**
   * Pages through the members, in user-id order.
   *
   * @param caller the caller
   * @param id the channel
   * @param after the {@code next} cursor of the previous page
   * @param limit 1 to 500, default 50
   * @return a page of memberships
   */
  @GetMapping
  public Mono<Page<MembershipView>> list(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String limit) {
    ChannelId channelId = Ids.channel(id);
    int size = Params.limit(limit);
    UserId from = after == null ? null : UserId.of(cursors.id(Cursors.Kind.USER, after, "after"));
    return access
        .readable(caller, channelId)
        .flatMap(s -> storage.channels().pageMembers(channelId, from, size).collectList())
        .map(
            list ->
                new Page<>(
                    list.stream().map(MembershipView::of).toList(),
                    list.size() < size
                        ? null
                        : cursors.id(
                            Cursors.Kind.USER, list.get(list.size() - 1).userId().value())));
  }

  /**
   * The role to give.
   *
   * @param role owner, admin, moderator, member or guest
   */
  public record RoleBody(String role) {

    /** Checks the role. */
    public RoleBody {
      if (role == null) {
        throw new IllegalArgumentException("role is required");
      }
      Params.lowerEnum(Role.class, role, "role", Role.MEMBER);
    }
  }

  /**
   * Adds a member or changes a member's role.
   *
   * @param caller the caller
   * @param id the channel
   * @param userId the member
   * @param body the role
   * @return 201 with the membership when added, 200 when changed
   */
  @PutMapping(path = "/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<MembershipView>> put(
      Caller caller,
      @PathVariable String id,
      @PathVariable String userId,
      @RequestBody RoleBody body) {
    ChannelId channelId = Ids.channel(id);
    UserId target = Ids.user(userId);
    Role role = Params.lowerEnum(Role.class, body.role(), "role", Role.MEMBER);
    boolean self = target.equals(caller.userId());
    return access
        .readable(caller, channelId)
        .flatMap(
            s ->
                storage
                    .users()
                    .findById(target)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("user")))
                    .then(current(channelId, target))
                    .flatMap(
                        current ->
                            check(s, self, role, current.orElse(null))
                                .then(storage.channels().putMember(channelId, target, role))
                                .map(
                                    m ->
                                        ResponseEntity.status(
                                                current.isPresent()
                                                    ? HttpStatus.OK
                                                    : HttpStatus.CREATED)
                                            .body(MembershipView.of(m)))));
  }

  private Mono<Void> check(
      ChannelAccess.Standing s, boolean self, Role role, @Nullable Membership current) {
    Role mine = s.role();
    if (self && mine == null) {
      if (s.channel().visibility() != Visibility.PUBLIC) {
        return Mono.error(ApiException.notFound("channel"));
      }
      if (role != Role.MEMBER) {
        return Mono.error(ApiException.forbidden("you can join only with the role member"));
      }
      return Mono.empty();
    }
    if (self) {
      if (!role.atLeast(mine) || role == mine) {
        // lowering or keeping one's own role
        return mine == Role.OWNER && role != Role.OWNER
            ? lastOwnerCheck(s.channel().id(), current)
            : Mono.empty();
      }
      if (!s.atLeast(Role.ADMIN) || role == Role.OWNER) {
        return Mono.error(ApiException.forbidden("you cannot raise your own role"));
      }
      return Mono.empty();
    }
    s.require(Role.ADMIN, "managing members");
    if (role == Role.OWNER || current != null && current.role() == Role.OWNER) {
      s.require(Role.OWNER, "granting or changing the owner role");
    }
    return Mono.empty();
  }

  /**
   * Removes a member, or leaves when the user is the caller.
   *
   * @param caller the caller
   * @param id the channel
   * @param userId the member
   * @return 204
   */
  @DeleteMapping("/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public Mono<Void> remove(Caller caller, @PathVariable String id, @PathVariable String userId) {
    ChannelId channelId = Ids.channel(id);
    UserId target = Ids.user(userId);
    boolean self = target.equals(caller.userId());
    return access
        .readable(caller, channelId)
        .flatMap(
            s ->
                current(channelId, target)
                    .flatMap(
                        current -> {
                          if (current.isEmpty()) {
                            return Mono.error(ApiException.notFound("member"));
                          }
                          Membership m = current.get();
                          if (!self) {
                            s.require(Role.ADMIN, "removing members");
                            if (m.role() == Role.OWNER) {
                              s.require(Role.OWNER, "removing an owner");
                            }
                          }
                          Mono<Void> guard =
                              m.role() == Role.OWNER ? lastOwnerCheck(channelId, m) : Mono.empty();
                          return guard.then(storage.channels().removeMember(channelId, target));
                        }));
  }

  private Mono<java.util.Optional<Membership>> current(ChannelId channel, UserId user) {
    return storage
        .channels()
        .findMember(channel, user)
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty());
  }

  /** Fails with 409 when the member is the channel's only owner. */
  private Mono<Void> lastOwnerCheck(ChannelId channel, @Nullable Membership member) {
    if (member == null || member.role() != Role.OWNER) {
      return Mono.empty();
    }
    int page = 500;
    return storage
        .channels()
        .pageMembers(channel, null, page)
        .collectList()
        .expand(
            list ->
                list.size() < page
                    ? Mono.empty()
                    : storage
                        .channels()
                        .pageMembers(channel, list.get(list.size() - 1).userId(), page)
                        .collectList())
        .flatMapIterable((List<Membership> list) -> list)
        .any(m -> m.role() == Role.OWNER && !m.userId().equals(member.userId()))
        .flatMap(
            other ->
                other
                    ? Mono.<Void>empty()
                    : Mono.error(
                        ApiException.conflict(
                            "last_owner",
                            "the last owner cannot leave or step down; make someone else owner"
                                + " first")));
  }
}
