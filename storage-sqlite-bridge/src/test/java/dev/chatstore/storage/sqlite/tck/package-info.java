/** The conformance suite on SQLite: one tiny subclass per contract class, and the fixture. */
package dev.chatstore.storage.sqlite.tck;
