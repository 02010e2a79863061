/** The chatstore service: the paged lists beside history. */
@NullMarked
package dev.chatstore.app.lists;

import org.jspecify.annotations.NullMarked;
