package dev.chatstore.storage.sqlite.internal;

import dev.chatstore.storage.InternalStorageException;
import dev.chatstore.storage.internal.Failures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code <file>.lock} that makes one storage the owner of a database file, in
 * this or another process: a second opener is refused instead of silently missing its followers'
 * wake-ups. Thread-safe.
 */
public final class SqliteFileLock {

  private final FileChannel channel;
  private final FileLock lock;

  private SqliteFileLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a database file, without waiting.
   *
   * @param file the database file, absolute
   * @return the held lock
   * @throws InternalStorageException if another storage holds it ({@link Failures#inUse}: not
   *     transient, since it stays held until that storage closes) or the lock file cannot be opened
   */
  public static SqliteFileLock acquire(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InternalStorageException("cannot open the lock file " + lockFile + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw Failures.inUse(file, "file " + lockFile);
    }
    return new SqliteFileLock(channel, lock);
  }

  /** Releases the lock. Idempotent. */
  public void release() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }
}
