package dev.chatstore.storage.migrations;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.StorageException;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies and rolls back chatstore's one Liquibase changelog over a JDBC connection (Liquibase
 * needs JDBC, never R2DBC). Usage analytics are always off; the schema lock is waited for one
 * minute, then the error names who holds it.
 *
 * <p>The caller owns the connection: it is neither committed beyond what Liquibase does nor closed.
 * Blocking; thread-safe as long as each call has its own connection.
 */
public final class Migrations {

  /** The changelog's class-path location (in the storage-api jar). */
  public static final String CHANGELOG = "db/changelog/chatstore.yaml";

  /** The tag of the newest schema version. */
  public static final String LATEST_TAG = "2.1";

  private static final long LOCK_WAIT_MINUTES = 1;

  private Migrations() {}

  /**
   * Applies every pending changeset.
   *
   * @param connection an open JDBC connection to the database
   * @throws StorageException if the migration fails or the lock stays held for a minute
   */
  public static void update(Connection connection) {
    run(
        connection,
        "update",
        database ->
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                .addArgumentValue(
                    ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                .execute());
  }

  /**
   * Rolls back the newest {@code count} changesets.
   *
   * @param connection an open JDBC connection
   * @param count how many changesets
   * @throws StorageException if the rollback fails
   */
  public static void rollbackCount(Connection connection, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
    run(
        connection,
        "rollback",
        database ->
            new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count)
                .execute());
  }

  /**
   * Rolls back every changeset applied after a tag.
   *
   * @param connection an open JDBC connection
   * @param tag the tag to return to
   * @throws StorageException if the rollback fails
   */
  public static void rollbackToTag(Connection connection, String tag) {
    run(
        connection,
        "rollback",
        database ->
            new CommandScope(RollbackCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(RollbackCommandStep.TAG_ARG, tag)
                .execute());
  }

  private interface Step {
    void run(Database database) throws Exception;
  }

  private static void run(Connection connection, String what, Step step) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("liquibase.analytics.enabled", false);
    scope.put("liquibase.changelogLockWaitTimeInMinutes", LOCK_WAIT_MINUTES);
    scope.put("liquibase.changelogLockPollRate", 2L);
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    scope.put(Scope.Attr.logService.name(), new DebugLogService());
    scope.put(
        Scope.Attr.resourceAccessor.name(),
        new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()));
    Database database;
    try {
      database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
    } catch (Exception e) {
      throw new InternalStorageException(
          "schema " + what + " failed: cannot inspect the database: " + e.getMessage(), e);
    }
    try {
      Scope.child(scope, () -> step.run(database));
    } catch (Exception e) {
      LockException lock = find(e, LockException.class);
      if (lock != null) {
        throw new InternalStorageException(describeLock(database), e);
      }
      throw new InternalStorageException("schema " + what + " failed: " + rootMessage(e), e);
    }
  }

  private static String describeLock(Database database) {
    String holder = "an unknown process";
    try {
      DatabaseChangeLogLock[] locks =
          LockServiceFactory.getInstance().getLockService(database).listLocks();
      if (locks.length > 0) {
        holder = "'" + locks[0].getLockedBy() + "' since " + locks[0].getLockGranted();
      }
    } catch (Exception ignored) {
      // the description is best effort; the lock error itself is what matters
    }
    return "the schema lock (table DATABASECHANGELOGLOCK, row ID=1) is held by "
        + holder
        + " and was not released within "
        + LOCK_WAIT_MINUTES
        + " minute; if no migration is running (a process was killed mid-migration), release it"
        + " with: UPDATE DATABASECHANGELOGLOCK SET LOCKED=FALSE, LOCKGRANTED=NULL, LOCKEDBY=NULL"
        + " WHERE ID=1";
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}
