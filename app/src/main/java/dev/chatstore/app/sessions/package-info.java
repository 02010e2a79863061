/** The chatstore service: sessions. */
@NullMarked
package dev.chatstore.app.sessions;

import org.jspecify.annotations.NullMarked;
