/** The chatstore service: the periodic retention purge. */
@NullMarked
package dev.chatstore.app.retention;

import org.jspecify.annotations.NullMarked;
