package se.krebit.auth.store.jdbc;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What stands in front of a test's webhook endpoint: it passes each request on, or answers it 500,
 * either before the receiver sees it (a node that fails) or after the receiver took it (an
 * acknowledgement lost to a timeout or a dropped connection). Faults are played in the order added,
 * one a request. Thread-safe.
 */
final class Door {
  /** What the door does to one request instead of passing it on. */
  enum Fault {
    /** Answers 500 without passing the request on. */
    FAIL_BEFORE,
    /** Passes the request to the receiver, then answers 500 instead of the receiver's answer. */
    LOSE_ANSWER
  }

  private final Queue<Fault> next = new ConcurrentLinkedQueue<>();

  /** The next request is answered 500 and never reaches the receiver. */
  void failNext() {
    next.add(Fault.FAIL_BEFORE);
  }

  /** The receiver takes the next request, but the sender gets a 500. */
  void loseNextAnswer() {
    next.add(Fault.LOSE_ANSWER);
  }

  /** The fault for the request now arriving, if one is waiting. */
  Optional<Fault> poll() {
    return Optional.ofNullable(next.poll());
  }
}
