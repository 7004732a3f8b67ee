package se.krebit.auth.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import se.krebit.auth.spi.Scheduler;

/**
 * A clock that moves only when a test moves it, and the {@link Scheduler} that goes with it: a task
 * runs once the clock has reached its deadline. Hand it to a flow as both its clock and its
 * scheduler (core's {@code DefaultScheduler.forClock} picks it up by itself) and time-driven
 * behaviour such as refresh-ahead and expiry becomes deterministic.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.create();
 * clock.schedule(clock.instant().plusSeconds(60), () -> refresh());
 * clock.advance(Duration.ofSeconds(60)); // runs refresh() before returning
 * }</pre>
 *
 * <p><b>When tasks run.</b> {@link #advance} and {@link #set} run every task whose deadline is at
 * or before the new time, on the calling thread and before returning, in deadline order (ties in
 * scheduling order); that includes tasks that running tasks schedule or move into the past. A task
 * scheduled with a deadline that has already been reached runs at once, on the calling thread,
 * before {@link #schedule} returns, as the {@link Scheduler} contract asks ("at once if it has
 * passed"). The one exception is re-entrance: a task that schedules a due task, advances the clock
 * or sets it, does not run anything itself; the loop already running on that thread picks the new
 * work up right after the task returns. So no call ever runs tasks nested inside another task.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. No lock is held while a task
 * runs, so a task may call back into the clock, and code that schedules from inside its own
 * critical sections cannot deadlock with the clock. When two threads move the clock at once, each
 * task still runs exactly once, on one of them. A task that throws is logged and does not stop the
 * others, as with core's default scheduler.
 *
 * <p>{@link #withZone} returns a view in another zone that shares this clock's time and tasks.
 *
 * <p><b>Why in core.</b> This is the one test clock of the whole project: core's own tests, every
 * module's tests, the test kit's fake server and the benchmarks use it. It ships in core's jar
 * (about two small classes) because core's tests need it and core can't depend on the test kit,
 * which depends on core; a separate module below core couldn't implement core's {@link Scheduler}.
 * Production code never refers to it.
 */
public final class SettableClock extends Clock implements Scheduler {
  /** Where {@link #create()} starts: a fixed instant, so that runs are reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

  private final Timeline timeline;
  private final ZoneId zone;

  private SettableClock(Timeline timeline, ZoneId zone) {
    this.timeline = timeline;
    this.zone = zone;
  }

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public static SettableClock create() {
    return startingAt(DEFAULT_START);
  }

  /** A clock at {@code start}, in UTC. */
  public static SettableClock startingAt(Instant start) {
    return new SettableClock(new Timeline(requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** A clock at the real current time (to the millisecond), in UTC; it does not move by itself. */
  public static SettableClock startingNow() {
    return startingAt(Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  @Override
  public Instant instant() {
    return timeline.read();
  }

  @Override
  public long millis() {
    return timeline.read().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in {@code zone}: same time, same tasks. */
  @Override
  public SettableClock withZone(ZoneId zone) {
    return new SettableClock(timeline, requireNonNull(zone, "zone"));
  }

  /**
   * Moves the clock forward by {@code amount} and runs the tasks that fall due.
   *
   * @throws IllegalArgumentException if {@code amount} is negative; use {@link #set} to go back
   */
  public void advance(Duration amount) {
    requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount);
    }
    timeline.advance(amount);
  }

  /**
   * Moves the clock to {@code instant}, forward or back, and runs the tasks that fall due. Going
   * back runs nothing, and tasks already run stay run.
   */
  public void set(Instant instant) {
    timeline.set(requireNonNull(instant, "instant"));
  }

  /** {@inheritDoc} See the class comment for when, and on which thread, the task runs. */
  @Override
  public Cancellable schedule(Instant deadline, Runnable task) {
    return timeline.schedule(requireNonNull(deadline, "deadline"), requireNonNull(task, "task"));
  }

  /**
   * How often the time was read ({@link #instant()} or {@link #millis()}, through any zone view),
   * since the clock was created: lets a test prove that a path serves without reading the clock.
   * Flows that keep their coarse time on this clock read it once each time it moves.
   */
  public long reads() {
    return timeline.reads();
  }

  /** How many tasks are scheduled and have neither run nor been cancelled. */
  public int pendingTasks() {
    return timeline.pendingTasks();
  }

  /** Equal to another view of the same clock in the same zone. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SettableClock that
        && that.timeline == timeline
        && that.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(timeline) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "SettableClock[" + timeline.now() + ", " + zone + ", " + pendingTasks() + " pending]";
  }
}
