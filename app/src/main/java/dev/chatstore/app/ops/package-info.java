/** The chatstore service: ops. */
@NullMarked
package dev.chatstore.app.ops;

import org.jspecify.annotations.NullMarked;
