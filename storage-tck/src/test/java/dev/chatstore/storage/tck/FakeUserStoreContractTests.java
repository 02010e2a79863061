package dev.chatstore.storage.tck;

/** Named like a backend's subclass of {@link UserStoreContractTests}, but not one. */
final class FakeUserStoreContractTests {}
