/** The provider SPI through which backends register. */
@NullMarked
package dev.chatstore.storage.spi;

import org.jspecify.annotations.NullMarked;
