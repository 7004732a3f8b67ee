package se.krebit.testkit.hostile;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.krebit.auth.AuthorizationCallbackException;
import se.krebit.auth.KrebitException;
import se.krebit.auth.OAuthErrorException;
import se.krebit.testkit.hygiene.Exposure;
import se.krebit.testkit.hygiene.PlantedSecrets;

/**
 * The invariants every fuzz test of issue 15 checks after each input: the outcome is one of the
 * library's typed exceptions (or a result), no planted value shows up in what the failure exposes
 * or in a log line, no call outlives its deadline, and the process's descriptors don't grow. Each
 * check throws {@link AssertionError} naming what broke, never quoting a planted value.
 */
public final class FuzzInvariants {
  private FuzzInvariants() {}

  /**
   * {@code failure} must be null or an instance of one of {@code allowed}, and expose no planted
   * value outside {@code quoted}: the server's own words the library quotes on purpose (a {@code
   * request_id}, an OAuth {@code error_description}), in which a fuzzer may of course put anything.
   */
  @SafeVarargs
  public static void typedAndClean(
      Throwable failure, List<String> quoted, Class<? extends Throwable>... allowed) {
    if (failure == null) {
      return;
    }
    boolean typed = false;
    for (Class<? extends Throwable> type : allowed) {
      typed |= type.isInstance(failure);
    }
    if (!typed) {
      throw new AssertionError("untyped outcome: " + failure.getClass().getName(), failure);
    }
    for (String text : Exposure.of(failure)) {
      String ours = text;
      for (String words : quoted) {
        if (!words.isEmpty()) {
          ours = ours.replace(words, "");
        }
      }
      Optional<String> planted = PlantedSecrets.foundIn(ours);
      if (planted.isPresent()) {
        throw new AssertionError(
            "a planted value shows in " + failure.getClass().getSimpleName() + "'s chain");
      }
    }
  }

  /**
   * What the core's exceptions in {@code failure}'s chain quote from the server on purpose: each
   * {@code request_id}, and an OAuth error's code and description.
   */
  public static List<String> quotedByCore(Throwable failure) {
    List<String> quoted = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KrebitException krebit) {
        krebit.requestId().ifPresent(quoted::add);
      }
      if (t instanceof OAuthErrorException oauth) {
        quoted.add(oauth.error());
        oauth.errorDescription().ifPresent(quoted::add);
      }
      if (t instanceof AuthorizationCallbackException.AuthorizationError error) {
        quoted.add(error.error());
        error.errorDescription().ifPresent(quoted::add);
      }
    }
    return quoted;
  }

  /** No line may hold a planted value. */
  public static void cleanLogs(List<String> lines) {
    for (String line : lines) {
      if (PlantedSecrets.foundIn(line).isPresent()) {
        throw new AssertionError("a planted value was logged by " + line.split(" ", 2)[0]);
      }
    }
  }

  /** This thread's CPU time so far, in nanoseconds: what {@link #withinCpuBudget} measures from. */
  public static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /**
   * The work that started at {@code startCpuNanos} ({@link #threadCpuNanos()}) must have used at
   * most {@code budget} of this thread's CPU: for calls without I/O, where wall time on a loaded
   * machine (or while classes load and compile) says nothing, and runaway work (a regular
   * expression backtracking, say) still shows.
   */
  public static void withinCpuBudget(long startCpuNanos, Duration budget) {
    Duration used = Duration.ofNanos(threadCpuNanos() - startCpuNanos);
    if (used.compareTo(budget) > 0) {
      throw new AssertionError(
          "the call used "
              + used.toMillis()
              + " ms of CPU, over its budget of "
              + budget.toMillis()
              + " ms");
    }
  }

  /** The call that started at {@code startNanos} must have ended within {@code deadline}. */
  public static void withinDeadline(long startNanos, Duration deadline) {
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    if (took.compareTo(deadline) > 0) {
      throw new AssertionError(
          "the call took "
              + took.toMillis()
              + " ms, past its deadline of "
              + deadline.toMillis()
              + " ms");
    }
  }

  /**
   * The process must not hold more than {@code slack} descriptors over {@code baseline}, once
   * connections being closed by other threads have been (waits up to 5 s).
   */
  public static void noDescriptorGrowth(long baseline, long slack) {
    try {
      long now = OpenDescriptors.settlingAtMost(baseline + slack, Duration.ofSeconds(5));
      if (now > baseline + slack) {
        throw new AssertionError("open descriptors grew from " + baseline + " to " + now);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while counting descriptors");
    }
  }
}
