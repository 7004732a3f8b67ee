package se.krebit.auth.internal;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.krebit.auth.spi.Scheduler;

/**
 * A clock's time as of its latest tick, in epoch milliseconds, read with one volatile load: what
 * lets a cached token be served without reading the clock. A reading is never ahead of the clock,
 * and behind it by at most {@link #maxLagMillis()}; when that can't be vouched for, it is {@link
 * #UNKNOWN}, later than every instant, so that whoever compares with it falls back to reading the
 * clock.
 *
 * <p>{@link #forClock} gives one of three kinds:
 *
 * <ul>
 *   <li>For the system clock, one instance for the whole JVM. The daemon thread {@code
 *       krebit-clock}, which runs no other code, ticks it every {@value #SYSTEM_TICK_MILLIS} ms; a
 *       second one, {@code krebit-clock-watchdog}, makes it {@code UNKNOWN} as soon as the ticker
 *       has not ticked for {@value #SYSTEM_STALL_MILLIS} ms (stalled, starved, or failed), until it
 *       ticks again. The lag vouched for, {@value #SYSTEM_MAX_LAG_MILLIS} ms, leaves the watchdog
 *       itself ample time.
 *   <li>For a clock that is also a {@link Scheduler}, as the test clock {@code SettableClock} is: a
 *       task on that clock ticks it whenever the clock moves, so it is exact (lag 0), and tests
 *       stay deterministic. Such a clock must run its tasks when its time reaches them.
 *   <li>For any other clock: always {@code UNKNOWN}; every caller reads the clock.
 * </ul>
 *
 * <p>One limit no thread can lift: a pause of the whole process (a stop-the-world collection, a
 * suspended VM) stops the ticker and the callers alike, and a caller that resumes before the ticker
 * may, for at most one tick, compare with the time the pause began. Thread-safe.
 */
public final class CoarseClock {
  /** The reading while no tick can be vouched for: after every instant. */
  public static final long UNKNOWN = Long.MAX_VALUE;

  /** How often {@code krebit-clock} ticks the system clock's coarse clock. */
  public static final long SYSTEM_TICK_MILLIS = 10;

  /** How long without a tick before the watchdog makes the system reading {@link #UNKNOWN}. */
  public static final long SYSTEM_STALL_MILLIS = 200;

  /**
   * The lag vouched for on the system clock: the clock-free path ends at least this long before a
   * token's usable life does.
   */
  public static final long SYSTEM_MAX_LAG_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(CoarseClock.class);
  private static final CoarseClock UNAVAILABLE = new CoarseClock(0, UNKNOWN);
  private static final VarHandle MILLIS;

  static {
    try {
      MILLIS = MethodHandles.lookup().findVarHandle(CoarseClock.class, "millis", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long millis;
  private final long maxLagMillis;
  private volatile long lastTickNanos = System.nanoTime();
  private volatile long lastWarningNanos = System.nanoTime() - Duration.ofHours(1).toNanos();

  private CoarseClock(long maxLagMillis, long initialMillis) {
    this.maxLagMillis = maxLagMillis;
    this.millis = initialMillis;
  }

  /** The coarse clock that follows {@code clock}: see the class comment for the three kinds. */
  public static CoarseClock forClock(Clock clock) {
    requireNonNull(clock, "clock");
    if (clock instanceof Scheduler scheduler) {
      return drivenBy(clock, scheduler);
    }
    return isSystem(clock) ? SystemTicker.CLOCK : UNAVAILABLE;
  }

  /** Whether {@code clock} is the system clock, in any zone. */
  public static boolean isSystem(Clock clock) {
    return clock.getClass() == Clock.systemUTC().getClass();
  }

  /**
   * A coarse clock of its own, ticked by a thread of its own reading {@code wallMillis} every
   * {@code tick}, watched by another that makes it {@link #UNKNOWN} after {@code stall} without a
   * tick. Both threads end once the coarse clock is unreachable. For tests of the mechanism; flows
   * get theirs from {@link #forClock}.
   */
  public static CoarseClock ticking(
      LongSupplier wallMillis, Duration tick, Duration stall, Duration maxLag, String name) {
    requireNonNull(wallMillis, "wallMillis");
    if (stall.compareTo(tick) <= 0 || maxLag.compareTo(stall) <= 0) {
      throw new IllegalArgumentException(
          "need tick < stall < maxLag: " + tick + ", " + stall + ", " + maxLag);
    }
    CoarseClock coarse = new CoarseClock(maxLag.toMillis(), wallMillis.getAsLong());
    WeakReference<CoarseClock> ref = new WeakReference<>(coarse);
    DefaultScheduler.daemon(name)
        .newThread(() -> tickLoop(ref, wallMillis, tick.toNanos(), stall.toNanos()))
        .start();
    DefaultScheduler.daemon(name + "-watchdog")
        .newThread(() -> watchLoop(ref, stall.toNanos()))
        .start();
    return coarse;
  }

  /** The time as of the latest tick, or {@link #UNKNOWN}. */
  public long millis() {
    return millis;
  }

  /**
   * {@link #millis()} of the system clock's coarse clock. A hot path that compares with this one
   * reads one field at an address the compiler knows, instead of following a reference to it.
   */
  public static long systemMillis() {
    return SystemTicker.CLOCK.millis;
  }

  /** Whether this is the system clock's coarse clock, the one {@link #systemMillis()} reads. */
  public boolean isSystem() {
    return this == SystemTicker.CLOCK;
  }

  /**
   * How far a reading other than {@link #UNKNOWN} may be behind the clock: whatever ends this long
   * before an instant can be compared with a reading without reading the clock.
   */
  public long maxLagMillis() {
    return maxLagMillis;
  }

  private static CoarseClock drivenBy(Clock clock, Scheduler scheduler) {
    CoarseClock coarse = new CoarseClock(0, clock.millis());
    new DrivenTick(clock, scheduler, new WeakReference<>(coarse)).run();
    return coarse;
  }

  /** Records a tick: the wall clock read {@code wallMillis} at {@code readNanos}. */
  private void tick(long wallMillis, long readNanos, long stallNanos) {
    boolean wasUnknown = millis == UNKNOWN;
    lastTickNanos = readNanos;
    millis = wallMillis;
    if (System.nanoTime() - readNanos > stallNanos) {
      // Stalled between reading the clock and publishing it: the reading is already too old.
      MILLIS.compareAndSet(this, wallMillis, UNKNOWN);
    } else if (wasUnknown && maxLagMillis > 0) {
      LOG.debug("The Krebit clock ticks again; cached tokens are served without reading the clock");
    }
  }

  /**
   * The watchdog's verdict: no tick for longer than {@code stallNanos}, so nothing is vouched for.
   */
  private void checkStall(long stallNanos) {
    long tickNanos = lastTickNanos;
    long seen = millis;
    long sinceTick = System.nanoTime() - tickNanos;
    if (seen == UNKNOWN || sinceTick <= stallNanos || tickNanos != lastTickNanos) {
      return;
    }
    if (MILLIS.compareAndSet(this, seen, UNKNOWN) && shouldWarn()) {
      LOG.warn(
          "The Krebit clock thread has not ticked for {} ms; token caches read the clock until it does",
          sinceTick / 1_000_000);
    }
  }

  /**
   * Whether to log a trouble: at most once a minute, so that a lasting one doesn't flood the log.
   */
  private boolean shouldWarn() {
    long now = System.nanoTime();
    if (now - lastWarningNanos > Duration.ofMinutes(1).toNanos()) {
      lastWarningNanos = now;
      return true;
    }
    return false;
  }

  private static void tickLoop(
      WeakReference<CoarseClock> ref, LongSupplier wallMillis, long tickNanos, long stallNanos) {
    while (true) {
      CoarseClock coarse = ref.get();
      if (coarse == null) {
        return;
      }
      try {
        long readNanos = System.nanoTime();
        coarse.tick(wallMillis.getAsLong(), readNanos, stallNanos);
      } catch (Throwable e) { // no tick this time; the watchdog notices if it lasts
        if (coarse.shouldWarn()) {
          LOG.error("The Krebit clock could not read the time; it tries again every tick", e);
        }
      }
      coarse = null; // don't keep it reachable while sleeping
      LockSupport.parkNanos(tickNanos);
    }
  }

  private static void watchLoop(WeakReference<CoarseClock> ref, long stallNanos) {
    long period = Math.max(1, stallNanos / 4);
    while (true) {
      LockSupport.parkNanos(period);
      CoarseClock coarse = ref.get();
      if (coarse == null) {
        return;
      }
      try {
        coarse.checkStall(stallNanos);
      } catch (Throwable e) {
        LOG.error("The Krebit clock watchdog caught an unexpected failure; it carries on", e);
      }
    }
  }

  /**
   * Ticks a coarse clock from its own clock's scheduler, each time that clock reaches the next
   * millisecond (the coarse time's resolution). A scheduler that runs the task at once although its
   * deadline is still ahead can't drive a coarse time: the reading then stays {@link #UNKNOWN}.
   */
  private static final class DrivenTick implements Runnable {
    private final Clock clock;
    private final Scheduler scheduler;
    private final WeakReference<CoarseClock> coarse;
    private final ThreadLocal<boolean[]> arming = ThreadLocal.withInitial(() -> new boolean[2]);

    DrivenTick(Clock clock, Scheduler scheduler, WeakReference<CoarseClock> coarse) {
      this.clock = clock;
      this.scheduler = scheduler;
      this.coarse = coarse;
    }

    @Override
    public void run() {
      CoarseClock target = coarse.get();
      if (target == null) {
        return;
      }
      long now = clock.millis();
      target.millis = now;
      boolean[] state = arming.get(); // [0]: arming on this thread, [1]: run from inside schedule()
      if (state[0]) {
        state[1] = true;
        return;
      }
      state[0] = true;
      state[1] = false;
      try {
        scheduler.schedule(Instant.ofEpochMilli(now + 1), this);
        if (state[1]) {
          target.millis = UNKNOWN;
          LOG.warn(
              "{} ran a task before its deadline; flows on that clock read it on every call",
              scheduler);
        }
      } finally {
        state[0] = false;
      }
    }
  }

  private static final class SystemTicker {
    static final CoarseClock CLOCK =
        ticking(
            System::currentTimeMillis,
            Duration.ofMillis(SYSTEM_TICK_MILLIS),
            Duration.ofMillis(SYSTEM_STALL_MILLIS),
            Duration.ofMillis(SYSTEM_MAX_LAG_MILLIS),
            "krebit-clock");
  }
}
