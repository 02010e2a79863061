package dev.chatstore.storage;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Channels and their memberships.
 *
 * <p>Membership and role changes, updates, archiving and unarchiving are written to the audit log
 * ({@link AuditStore}) in the same transaction, naming the {@link Actor} of the subscription.
 * Creating a channel (and its owner's membership) is not audited, nor is a call that changes
 * nothing (the same role again, archiving an archived channel). A member entry's detail is {@code
 * role=<ROLE>} ({@link AuditAction#MEMBER_ADDED}, {@link AuditAction#MEMBER_ROLE_CHANGED}: the new
 * role; {@link AuditAction#MEMBER_REMOVED}: the role held).
 *
 * <p>Every method checks its arguments at call time ({@link NullPointerException}, {@link
 * IllegalArgumentException}) and touches the database only on subscription; each subscription runs
 * the operation again. Errors are signalled as {@link StorageException}s. Cancelling a subscription
 * releases the connection it held; a write already sent to the database may still commit.
 * Implementations are thread-safe.
 */
public interface ChannelStore {

  /**
   * Creates a channel and makes its creator its {@link Role#OWNER}, in one transaction.
   *
   * @param channel what to create
   * @return a {@code Mono} that emits the stored channel (version 1, last position 0) once
   *     committed; signals {@link ConflictException} ({@link
   *     ConflictException.Reason#DUPLICATE_KEY}) when the name is taken, or {@link
   *     InvalidArgumentException} when the creator does not exist
   */
  Mono<Channel> create(NewChannel channel);

  /**
   * Finds a channel by id.
   *
   * @param id the channel
   * @return a {@code Mono} that emits the channel, or completes empty when there is none
   */
  Mono<Channel> findById(ChannelId id);

  /**
   * Finds a channel by name, regardless of case.
   *
   * @param name the name
   * @return a {@code Mono} that emits the channel, or completes empty when there is none
   */
  Mono<Channel> findByName(String name);

  /**
   * Replaces the mutable fields of a channel if its stored version is the expected one.
   *
   * @param id the channel
   * @param expectedVersion the version the caller last read, at least 1
   * @param update the new field values
   * @return a {@code Mono} that emits the updated channel (version + 1); signals {@link
   *     NotFoundException}, or {@link ConflictException} for a version mismatch or a taken name
   */
  Mono<Channel> update(ChannelId id, long expectedVersion, ChannelUpdate update);

  /**
   * Archives a channel. Archiving an archived channel changes nothing.
   *
   * @param id the channel
   * @return a {@code Mono} that emits the channel as stored afterwards; signals {@link
   *     NotFoundException} when there is no such channel
   */
  Mono<Channel> archive(ChannelId id);

  /**
   * Brings an archived channel back. Unarchiving an active channel changes nothing.
   *
   * @param id the channel
   * @return a {@code Mono} that emits the channel as stored afterwards; signals {@link
   *     NotFoundException} when there is no such channel
   */
  Mono<Channel> unarchive(ChannelId id);

  /**
   * Deletes a channel with its memberships and messages, for good.
   *
   * @param id the channel
   * @return a {@code Mono} that completes once committed; signals {@link NotFoundException} when
   *     there is no such channel
   */
  Mono<Void> delete(ChannelId id);

  /**
   * Pages through all channels in name order (keyset, no offset).
   *
   * @param afterName the last name of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} channels named after {@code afterName},
   *     ascending; empty after the last page
   */
  Flux<Channel> page(@Nullable String afterName, int limit);

  /**
   * Adds a member or changes an existing member's role. The read position of an existing member is
   * kept.
   *
   * @param channel the channel
   * @param user the user
   * @param role the role to hold
   * @return a {@code Mono} that emits the membership as stored; signals {@link NotFoundException}
   *     when the channel does not exist, {@link InvalidArgumentException} when the user does not,
   *     or {@link ConflictException} ({@link ConflictException.Reason#STATE}, field {@code role})
   *     when it would take the owner role from the channel's last owner: a channel keeps at least
   *     one owner, decided atomically with the write
   */
  Mono<Membership> putMember(ChannelId channel, UserId user, Role role);

  /**
   * Finds a user's membership of a channel.
   *
   * @param channel the channel
   * @param user the user
   * @return a {@code Mono} that emits the membership, or completes empty when the user is not a
   *     member (or the channel does not exist)
   */
  Mono<Membership> findMember(ChannelId channel, UserId user);

  /**
   * Removes a member.
   *
   * @param channel the channel
   * @param user the user
   * @return a {@code Mono} that completes once committed; signals {@link NotFoundException} when
   *     the user is not a member, or {@link ConflictException} ({@link
   *     ConflictException.Reason#STATE}, field {@code role}) when the user is the channel's last
   *     owner
   */
  Mono<Void> removeMember(ChannelId channel, UserId user);

  /**
   * Pages through the members of a channel in user-id order.
   *
   * @param channel the channel
   * @param afterUser the last user of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} memberships; empty after the last page or when
   *     the channel does not exist
   */
  Flux<Membership> pageMembers(ChannelId channel, @Nullable UserId afterUser, int limit);

  /**
   * Pages through the memberships of a user in channel-id order.
   *
   * @param user the user
   * @param afterChannel the last channel of the previous page, or null for the first page
   * @param limit the page size, 1 to 500
   * @return a {@code Flux} of at most {@code limit} memberships; empty after the last page or when
   *     the user does not exist
   */
  Flux<Membership> pageMemberships(UserId user, @Nullable ChannelId afterChannel, int limit);
}
