/** The chatstore service: config. */
@NullMarked
package dev.chatstore.app.config;

import org.jspecify.annotations.NullMarked;
