/**
 * The SQLite bridge's machinery: the single writer with its group commit, the read pool, SQL text,
 * row mapping and error translation. Not part of the published contract.
 */
@NullMarked
package dev.chatstore.storage.sqlite.internal;

import org.jspecify.annotations.NullMarked;
