package dev.chatstore.storage;

/**
 * What one retention run removed. Immutable and thread-safe.
 *
 * @param channels how many channels with a policy were examined
 * @param messagesPurged how many messages were purged
 * @param batches how many transactions the purge took
 */
public record RetentionReport(long channels, long messagesPurged, long batches) {}
