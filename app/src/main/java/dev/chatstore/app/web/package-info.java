/** The chatstore service: web. */
@NullMarked
package dev.chatstore.app.web;

import org.jspecify.annotations.NullMarked;
