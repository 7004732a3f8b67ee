package se.krebit.testkit.hostile;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * The open file descriptors of this process (sockets included), for tests that prove nothing leaks.
 */
public final class OpenDescriptors {
  private OpenDescriptors() {}

  /**
   * How many descriptors this process has open now.
   *
   * @throws IllegalStateException on a JVM that can't tell (not a Unix)
   */
  public static long count() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof UnixOperatingSystemMXBean unix)) {
      throw new IllegalStateException(
          "this JVM does not count open file descriptors: " + os.getClass().getName());
    }
    return unix.getOpenFileDescriptorCount();
  }

  /**
   * The count once it is at most {@code limit}, polling for at most {@code timeout}, or the count
   * at the deadline: connections closed by another thread take a moment to be released.
   */
  public static long settlingAtMost(long limit, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long count = count();
    while (count > limit && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
      count = count();
    }
    return count;
  }
}
