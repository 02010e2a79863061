/**
 * The chatstore conformance suite (TCK): abstract JUnit 5 contract test classes that every storage
 * backend extends with a one-method subclass naming its {@link
 * dev.chatstore.storage.tck.StorageFixture}.
 *
 * <p>Cost model: each contract class opens one database and one {@link
 * dev.chatstore.storage.Storage} for all of its tests (tests stay independent by using unique
 * random names and their own channels and partitions), and opens a fresh database only for the few
 * tests that need an empty or exclusive one (expiry sweeps, pools of one, migrations).
 */
@NullMarked
package dev.chatstore.storage.tck;

import org.jspecify.annotations.NullMarked;
