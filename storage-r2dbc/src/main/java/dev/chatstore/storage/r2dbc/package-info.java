/**
 * chatstore's native R2DBC backend for PostgreSQL and H2: open it with {@code
 * Storages.open("r2dbc:postgresql://user:secret@host:5432/db")} or {@code
 * Storages.open("r2dbc:h2:mem:///name")}. See {@link
 * dev.chatstore.storage.r2dbc.R2dbcStorageProvider} for the URL parameters.
 */
@NullMarked
package dev.chatstore.storage.r2dbc;

import org.jspecify.annotations.NullMarked;
