package se.krebit.testkit.internal;

import java.util.ArrayDeque;
import java.util.Optional;
import se.krebit.testkit.InjectedFault;

/**
 * The faults scripted for one kind of request, played in the order they were added: "the next 2
 * requests get 503, then 1 is reset" is two steps. Thread-safe; each request takes one fault.
 */
public final class FaultPlan {
  private final ArrayDeque<Step> steps = new ArrayDeque<>();

  /**
   * Plays {@code fault} for the next {@code times} requests, after the steps already added.
   *
   * @throws IllegalArgumentException if {@code times} is less than 1
   */
  public synchronized void add(int times, InjectedFault fault) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    steps.addLast(new Step(fault, times));
  }

  /** The fault for the request now arriving, if one is scripted. */
  public synchronized Optional<InjectedFault> next() {
    Step step = steps.peekFirst();
    if (step == null) {
      return Optional.empty();
    }
    if (--step.remaining == 0) {
      steps.removeFirst();
    }
    return Optional.of(step.fault);
  }

  /** How many requests still get a fault. */
  public synchronized int remaining() {
    return steps.stream().mapToInt(s -> s.remaining).sum();
  }

  /** Forgets every step. */
  public synchronized void clear() {
    steps.clear();
  }

  private static final class Step {
    final InjectedFault fault;
    int remaining;

    Step(InjectedFault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
