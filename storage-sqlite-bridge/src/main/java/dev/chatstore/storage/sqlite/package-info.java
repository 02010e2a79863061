/**
 * The SQLite backend of chatstore: {@link dev.chatstore.storage.sqlite.SqliteStorage} and its
 * stores, over xerial sqlite-jdbc, every call on the bridge's own threads. Opened through {@link
 * dev.chatstore.storage.Storages#open(String)} with a {@code sqlite:<path>} URL.
 */
@NullMarked
package dev.chatstore.storage.sqlite;

import org.jspecify.annotations.NullMarked;
