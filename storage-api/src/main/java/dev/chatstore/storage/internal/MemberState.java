package dev.chatstore.storage.internal;

import dev.chatstore.storage.Role;
import org.jspecify.annotations.Nullable;

/**
 * What a membership write reads before it decides, inside its unit of work: whether the channel and
 * the user exist, the role the user holds, and how many owners the channel has. Fed to {@link
 * ChannelRules#refusePut} and {@link ChannelRules#refuseRemove}. A key-value engine reads it from
 * the channel item (with its owner counter), the membership item and the user item.
 *
 * @param channelExists whether the channel exists
 * @param userExists whether the user exists
 * @param role the role the user holds, or null when not a member
 * @param owners how many members of the channel hold {@link Role#OWNER}
 */
public record MemberState(
    boolean channelExists, boolean userExists, @Nullable Role role, long owners) {

  /**
   * Checks the count.
   *
   * @param channelExists whether the channel exists
   * @param userExists whether the user exists
   * @param role the role held, or null
   * @param owners the number of owners
   */
  public MemberState {
    Checks.notNegative(owners, "owners");
  }
}
