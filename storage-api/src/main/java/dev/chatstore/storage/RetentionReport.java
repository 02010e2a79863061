package dev.chatstore.storage;

/**
 * What one retention run removed. Immutable and thread-safe.
 *
 * @param channels how many channels with a policy were examined
 * @param messagesPurged how many messages were purged
 * @param batches how many batches (each its own transaction) purged at least one message; a batch
 *     that finds nothing left to purge is not counted
 */
public record RetentionReport(long channels, long messagesPurged, long batches) {}
