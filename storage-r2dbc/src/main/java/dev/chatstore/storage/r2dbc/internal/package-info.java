/** Internals of the R2DBC backend: SQL, dialects, row mapping, error translation, execution. */
@NullMarked
package dev.chatstore.storage.r2dbc.internal;

import org.jspecify.annotations.NullMarked;
