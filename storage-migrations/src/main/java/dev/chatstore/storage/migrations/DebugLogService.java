package dev.chatstore.storage.migrations;

import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

/**
 * Sends everything Liquibase says to {@code java.util.logging} at {@link Level#FINE} (debug in
 * SLF4J and Logback), under the logger {@code liquibase.<class>}: a library user's first open
 * prints nothing, and failures still arrive as exceptions with their cause. Raise the {@code
 * liquibase} logger to FINE to see the migration log.
 */
final class DebugLogService extends AbstractLogService {

  @Override
  public int getPriority() {
    return PRIORITY_SPECIALIZED;
  }

  @Override
  @SuppressWarnings("rawtypes") // the interface's signature
  public liquibase.logging.Logger getLog(Class clazz) {
    return new DebugLogger(Logger.getLogger("liquibase." + clazz.getSimpleName()));
  }

  @SuppressWarnings("try") // a logger has nothing to close
  private static final class DebugLogger extends AbstractLogger {
    private final Logger target;

    DebugLogger(Logger target) {
      this.target = target;
    }

    @Override
    public void log(Level level, String message, Throwable e) {
      if (target.isLoggable(Level.FINE)) {
        target.log(Level.FINE, message, e);
      }
    }
  }
}
