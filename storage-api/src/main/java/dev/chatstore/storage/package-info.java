/**
 * The storage contract: records, store interfaces, the error hierarchy and {@link
 * dev.chatstore.storage.Storages}.
 */
@NullMarked
package dev.chatstore.storage;

import org.jspecify.annotations.NullMarked;
