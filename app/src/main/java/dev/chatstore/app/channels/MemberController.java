package dev.chatstore.app.channels;

import dev.chatstore.app.channels.ChannelPolicy.Action;
import dev.chatstore.app.web.ApiException;
import dev.chatstore.app.web.Caller;
import dev.chatstore.app.web.Ids;
import dev.chatstore.app.web.Params;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.ConflictException;
import dev.chatstore.storage.Membership;
import dev.chatstore.storage.Role;
import dev.chatstore.storage.Storage;
import dev.chatstore.storage.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Membership and roles: {@code /api/v1/channels/{id}/members/{userId}} (the list is in {@link
 * dev.chatstore.app.lists.ListsController}). Who may add, change and remove whom is {@link
 * ChannelPolicy}'s; the last owner can neither leave nor step down (hand the channel over first, or
 * delete it).
 *
 * @param storage the storage
 * @param policy the permission rules
 */
@RestController
@RequestMapping(path = "/api/v1/channels/{id}/members", produces = MediaType.APPLICATION_JSON_VALUE)
public record MemberController(Storage storage, ChannelPolicy policy) {

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
    return policy
        .channel(caller, channelId, Action.READ)
        .flatMap(
            s ->
                storage
                    .users()
                    .findById(target)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("user")))
                    .then(policy.membership(channelId, target))
                    .flatMap(
                        current -> {
                          Membership now = current.orElse(null);
                          policy.mayPutMember(s, target.equals(caller.userId()), role, now);
                          return storage
                              .channels()
                              .putMember(channelId, target, role)
                              .onErrorMap(
                                  MemberController::isLastOwner, MemberController::lastOwner)
                              .map(
                                  m ->
                                      ResponseEntity.status(
                                              now != null ? HttpStatus.OK : HttpStatus.CREATED)
                                          .body(MembershipView.of(m)));
                        }));
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
    return policy
        .channel(caller, channelId, Action.READ)
        .flatMap(
            s ->
                policy
                    .membership(channelId, target)
                    .flatMap(
                        current -> {
                          Membership m = current.orElseThrow(() -> ApiException.notFound("member"));
                          policy.mayRemoveMember(s, target.equals(caller.userId()), m);
                          return storage
                              .channels()
                              .removeMember(channelId, target)
                              .onErrorMap(
                                  MemberController::isLastOwner, MemberController::lastOwner);
                        }));
  }

  /**
   * Whether the store refused a change because it would leave the channel without an owner: the
   * store enforces the rule atomically in the write (two owners stepping down at once cannot both
   * succeed); here it only gets its HTTP code.
   */
  private static boolean isLastOwner(Throwable error) {
    return error instanceof ConflictException c
        && c.reason() == ConflictException.Reason.STATE
        && c.field().filter("role"::equals).isPresent();
  }

  private static Throwable lastOwner(Throwable error) {
    return ApiException.conflict(
        "last_owner", "the last owner cannot leave or step down; make someone else owner first");
  }
}
