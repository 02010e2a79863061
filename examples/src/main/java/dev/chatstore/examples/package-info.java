/** Runnable examples of the storage library, compiled and run by the build. */
@NullMarked
package dev.chatstore.examples;

import org.jspecify.annotations.NullMarked;
