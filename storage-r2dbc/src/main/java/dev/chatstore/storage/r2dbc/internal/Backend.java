package dev.chatstore.storage.r2dbc.internal;

import dev.chatstore.storage.internal.ChangeFeed;
import io.r2dbc.pool.ConnectionPool;

/**
 * What opening an R2DBC database yields, for the storage to run on: the executor over the pool, the
 * change feed, the pool (for health details) and what releases it all.
 *
 * @param db the pooled executor
 * @param feed the change feed (PostgreSQL: LISTEN/NOTIFY; H2: in process)
 * @param pool the connection pool
 * @param release closes the pool, the feed's connections and the threads; called once
 */
public record Backend(Db db, ChangeFeed feed, ConnectionPool pool, Runnable release) {}
