/** The chatstore HTTP service. */
@NullMarked
package dev.chatstore.app;

import org.jspecify.annotations.NullMarked;
