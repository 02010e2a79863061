/**
 * Helpers shared by the backends. Not part of the published contract: may change without notice.
 */
@NullMarked
package dev.chatstore.storage.internal;

import org.jspecify.annotations.NullMarked;
