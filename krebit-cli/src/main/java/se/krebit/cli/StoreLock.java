package se.krebit.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import se.krebit.auth.TokenStoreException;

/**
 * Turns for the token store between every {@code krebit} process on the machine and every thread in
 * this one: an operating-system lock on {@code tokens.lock} in the store directory, taken around each
 * store operation and released right after, so that processes take turns in milliseconds. A process
 * that finds the lock taken waits and tries again, up to a bound. The operating system releases the
 * lock of a process that dies, so a crash never leaves the store locked. Thread-safe.
 */
final class StoreLock {
  static final String FILE_NAME = "tokens.lock";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final long MIN_BACKOFF_MILLIS = 2;
  private static final long MAX_BACKOFF_MILLIS = 50;
  /** The operating system's lock is the process's: threads, and stores opened twice, take turns here first. */
  private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean posix;
  private final Duration wait;
  private final ReentrantLock thisProcess;

  /**
   * @param directory the store directory
   * @param posix whether the directory's file system has POSIX permissions
   * @param wait how long one operation waits for the lock before it fails
   */
  StoreLock(Path directory, boolean posix, Duration wait) {
    this.file = directory.toAbsolutePath().normalize().resolve(FILE_NAME);
    this.posix = posix;
    this.wait = wait;
    this.thisProcess = IN_THIS_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
  }

  /** How long one operation waits for its turn. */
  Duration waitBound() {
    return wait;
  }

  /** Runs {@code work} holding the lock, waiting for it up to {@link #waitBound()}. */
  <T> T holding(Supplier<T> work) {
    return holding(work, System.nanoTime() + wait.toNanos());
  }

  /**
   * Runs {@code work} holding the lock, waiting for it until {@code deadline} ({@link System#nanoTime()}).
   * A thread that holds the lock already just runs {@code work}.
   *
   * @throws TokenStoreException (retryable) if the lock was not free by the deadline
   */
  <T> T holding(Supplier<T> work, long deadline) {
    try {
      if (!thisProcess.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenStoreException("Interrupted while waiting for the token store " + file.getParent(), true, e);
    }
    try {
      if (thisProcess.getHoldCount() > 1) {
        return work.get(); // the lock is this thread's already; a second OS lock would throw
      }
      try (FileChannel channel = open()) {
        FileLock lock = acquire(channel, deadline);
        try {
          return work.get();
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new TokenStoreException("Can't lock the token store " + file + ": " + e.getClass().getSimpleName(), false, e);
      }
    } finally {
      thisProcess.unlock();
    }
  }

  private FileChannel open() throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    return FileChannel.open(file, options, attributes);
  }

  /** The lock, polled with a growing, jittered pause: a blocking lock could not be given up at a deadline. */
  private FileLock acquire(FileChannel channel, long deadline) throws IOException {
    long backoff = MIN_BACKOFF_MILLIS;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        lock = null; // by code that does not take turns here, such as a test: wait for it like for a process
      }
      if (lock != null) {
        return lock;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw busy();
      }
      long pause = Math.min(TimeUnit.NANOSECONDS.toMillis(remaining) + 1,
          backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TokenStoreException("Interrupted while waiting for the token store " + file.getParent(), true, e);
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  private TokenStoreException busy() {
    return new TokenStoreException("The token store " + file.getParent() + " stayed locked by another krebit for"
        + " longer than " + DurationConverter.format(wait) + " (" + ConfigSources.STORE_WAIT + ")", true, null);
  }
}
