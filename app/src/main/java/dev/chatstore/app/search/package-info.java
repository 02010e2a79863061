/** The chatstore service: full-text search. */
@NullMarked
package dev.chatstore.app.search;

import org.jspecify.annotations.NullMarked;
