/** The chatstore service: channels. */
@NullMarked
package dev.chatstore.app.channels;

import org.jspecify.annotations.NullMarked;
