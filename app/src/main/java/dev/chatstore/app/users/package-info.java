/** The chatstore service: users. */
@NullMarked
package dev.chatstore.app.users;

import org.jspecify.annotations.NullMarked;
