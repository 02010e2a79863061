package dev.chatstore.app.web;

import dev.chatstore.storage.SessionId;
import dev.chatstore.storage.UserId;

/**
 * The signed-in user of a request, resolved from its bearer token. Declare a parameter of this type
 * on a handler method to require a valid session (401 otherwise).
 *
 * @param userId the user
 * @param sessionId the session the token belongs to
 */
public record Caller(UserId userId, SessionId sessionId) {}
