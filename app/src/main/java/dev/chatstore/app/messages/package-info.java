/** The chatstore service: messages. */
@NullMarked
package dev.chatstore.app.messages;

import org.jspecify.annotations.NullMarked;
